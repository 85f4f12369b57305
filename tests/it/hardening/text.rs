//! Text from files reaches no terminal, YAML comment or Markdown table raw.
