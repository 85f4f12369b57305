#!/usr/bin/env bash
# Regenerate the Windows-written copies of plain/ (and of the trimmed export in
# tests/import/contoso-trimmed/) exactly as Windows PowerShell 5.1 writes them.
# README.md says which command wrote each folder. Needs iconv (glibc's).
#
# What PowerShell 5.1 does, and this script with it: `Get-Content -Encoding UTF8`
# reads the file as lines (dropping CR and LF); `Out-File` and `Set-Content` write
# each line followed by CRLF, the last one too, after the byte order mark of their
# encoding: `Out-File` (and `>`) UTF-16 LE with FF FE; `-Encoding utf8` UTF-8 with
# EF BB BF; `-Encoding BigEndianUnicode` UTF-16 BE with FE FF; `Set-Content` the
# ANSI code page (Windows-1252 on an English or German Windows), no mark.
set -euo pipefail
cd "$(dirname "$0")"

# The lines of a file, each ended by CRLF, as Get-Content | Out-File writes them.
crlf_lines() { awk '{ sub(/\r$/, ""); printf "%s\r\n", $0 }' "$1"; }

# write VARIANT SOURCE TARGET: the file SOURCE as the PowerShell command of VARIANT writes it.
write() {
  mkdir -p "$(dirname "$3")"
  case "$1" in
    out-file)      { printf '\xff\xfe'; crlf_lines "$2" | iconv -f UTF-8 -t UTF-16LE; } > "$3" ;;
    out-file-utf8) { printf '\xef\xbb\xbf'; crlf_lines "$2"; } > "$3" ;;
    big-endian)    { printf '\xfe\xff'; crlf_lines "$2" | iconv -f UTF-8 -t UTF-16BE; } > "$3" ;;
    set-content)   crlf_lines "$2" | iconv -f UTF-8 -t WINDOWS-1252 > "$3" ;;
  esac
}

for variant in out-file out-file-utf8 big-endian set-content; do
  rm -rf "$variant"
  (cd plain && find . -type f | sort) | while read -r file; do
    write "$variant" "plain/$file" "$variant/$file"
  done
done

# A configuration export that went through `Get-Content | Out-File` on its way
# (UTF-16 LE, CRLF; the XML declarations still say utf-8, as they would).
export=../import/contoso-trimmed
(cd "$export" && find . -name '*.xml' | sort) | while read -r file; do
  write out-file "$export/$file" "out-file/export/$file"
done
cp "$export/LICENSE.txt" out-file/export/LICENSE.txt
