<#
.SYNOPSIS
    Collects what phsrule needs to troubleshoot password hash sync, on the Azure AD
    Connect server, into one folder.

.DESCRIPTION
    Run it elevated ("Run as administrator") on the Azure AD Connect server. It
    writes into -OutputFolder:

      config\       the configuration export (Get-ADSyncServerConfiguration)
      events.xml    the Application-log events of the last -Days days of the
                    sources phsrule reads, as event XML with the rendered message
      base.json     a partial phs-facts/1 file with what the cmdlets tell directly:
                    tenant features, the password sync channel of each AD
                    connector, reachability of each domain controller and of
                    Azure AD, the connector account's rights at each domain root,
                    and the objects named with -DistinguishedName
      collect.log   what each step did, and why a step wrote nothing

    Each step runs on its own: a step that fails writes nothing for the facts it
    could not read, and the others still run. The script reads no password and no
    password hash, and writes none: it reads names, switches, rights and event
    texts only. Nothing is sent anywhere; send the folder to your support engineer,
    who imports it with:

      phsrule import --from <folder> -o facts.yaml

.PARAMETER OutputFolder
    The folder to write; it is created if needed.

.PARAMETER DistinguishedName
    The distinguished names of the users whose password does not synchronize.

.PARAMETER Days
    How many days of events to read (default 3: the rules look back 3 hours for a
    heartbeat and 24 hours for connectivity errors).

.EXAMPLE
    .\Collect-PhsFacts.ps1 -OutputFolder C:\PhsFacts -DistinguishedName 'CN=Ann Lee,OU=CORP,DC=contoso,DC=com'
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $OutputFolder,
    [string[]] $DistinguishedName = @(),
    [ValidateRange(1, 30)]
    [int] $Days = 3
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

# The event sources the builtin rules read.
$EventSources = @('Directory Synchronization')
# The extended rights password hash sync needs at each domain root.
$ReplicationRights = [ordered]@{
    '1131f6aa-9c07-11d1-f79f-00c04fc2dcd2' = 'Replicate Directory Changes'
    '1131f6ad-9c07-11d1-f79f-00c04fc2dcd2' = 'Replicate Directory Changes All'
}
# Metaverse attributes the object rules read.
$MvAttributes = @('domainFQDN', 'domainNetBios', 'cloudFiltered', 'sourceAnchor', 'accountEnabled')

$Log = New-Object System.Collections.Generic.List[string]
$Utf8 = New-Object System.Text.UTF8Encoding -ArgumentList $false

function Write-Step {
    param([string] $Message)
    $line = '{0:u} {1}' -f (Get-Date).ToUniversalTime(), $Message
    $Log.Add($line)
    Write-Host $line
}

function Write-Skipped {
    param([string] $Step, [System.Management.Automation.ErrorRecord] $Why)
    Write-Step ("{0}: not collected ({1})" -f $Step, $Why.Exception.Message)
}

function ConvertTo-DomainName {
    param([string] $Dn)
    $labels = @($Dn -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ -match '^DC=' } | ForEach-Object { $_.Substring(3) })
    return ($labels -join '.')
}

function Test-Port {
    param([string] $ComputerName, [int] $Port)
    $result = Test-NetConnection -ComputerName $ComputerName -Port $Port -WarningAction SilentlyContinue
    return [bool] $result.TcpTestSucceeded
}

function Get-Property {
    # A property's value, or $null where the object has no such property (the
    # ADSync objects differ between builds; StrictMode refuses missing ones).
    param($InputObject, [string[]] $Name)
    foreach ($n in $Name) {
        $property = $InputObject.PSObject.Properties[$n]
        if ($null -ne $property) { return $property.Value }
    }
    return $null
}

function Get-ReplicationRights {
    # The replication rights granted directly to the connector account at the
    # domain root, read from the root's access control list.
    param([string] $Dn, [string] $Account)
    $root = New-Object System.DirectoryServices.DirectoryEntry -ArgumentList ('LDAP://{0}' -f $Dn)
    $rules = @($root.ObjectSecurity.GetAccessRules($true, $true, [System.Security.Principal.NTAccount]))
    $held = New-Object System.Collections.Generic.List[string]
    foreach ($guid in $ReplicationRights.Keys) {
        $granted = @($rules | Where-Object {
                $_.AccessControlType -eq 'Allow' -and
                $_.ObjectType.ToString() -eq $guid -and
                ($_.IdentityReference.Value -split '\\')[-1] -eq $Account
            })
        if ($granted.Count -gt 0) { $held.Add($ReplicationRights[$guid]) }
    }
    return , $held.ToArray()
}

function Get-DomainFacts {
    # Each selected domain partition of an AD connector: its domain controllers
    # and whether each answers on the LDAP port, and the account's rights.
    param($Connector)
    $account = $null
    try { $account = [string] $Connector.ConnectivityParameters['forest-login-user'].Value }
    catch { Write-Skipped ('connector account of {0}' -f $Connector.Name) $_ }
    $domains = New-Object System.Collections.Generic.List[object]
    foreach ($partition in @($Connector.Partitions | Where-Object { $_.Selected })) {
        $dn = [string] $partition.Name
        $otherParts = @($dn -split ',' | Where-Object { $_.Trim() -notmatch '^DC=' })
        if ($otherParts.Count -gt 0) { continue }
        $domain = ConvertTo-DomainName $dn
        $entry = [ordered]@{ name = $domain }
        try {
            $records = @(Resolve-DnsName -Name ('_ldap._tcp.dc._msdcs.{0}' -f $domain) -Type SRV | Where-Object { $_.Type -eq 'SRV' })
            $controllers = @(foreach ($record in $records) {
                    [ordered]@{ name = [string] $record.NameTarget; reachable = (Test-Port -ComputerName $record.NameTarget -Port 389) }
                })
            $entry['domain_controllers'] = $controllers
            $entry['reachable'] = (@($controllers | Where-Object { $_.reachable }).Count -gt 0)
            Write-Step ('domain {0}: {1} domain controller(s) probed' -f $domain, $controllers.Count)
        }
        catch { Write-Skipped ('domain controllers of {0}' -f $domain) $_ }
        if ($account) {
            try {
                $rights = Get-ReplicationRights -Dn $dn -Account $account
                if ($rights.Count -eq $ReplicationRights.Count) {
                    $entry['permissions'] = $rights
                }
                else {
                    Write-Step ('domain {0}: {1} of the replication rights found granted to {2} directly; rights held through a group are not resolved, so permissions are left for a person to check' -f $domain, $rights.Count, $account)
                }
            }
            catch { Write-Skipped ('rights at the root of {0}' -f $domain) $_ }
        }
        $domains.Add($entry)
    }
    return , $domains.ToArray()
}

function Get-LineageFacts {
    # The sync rules of a connector space object's lineage, with their password
    # sync flag, as Get-ADSyncRule tells them.
    param($Lineage)
    $out = New-Object System.Collections.Generic.List[object]
    foreach ($link in @($Lineage)) {
        $ruleId = Get-Property $link @('SyncRuleInternalId', 'SyncRuleId')
        if ($null -eq $ruleId) { continue }
        $rule = Get-ADSyncRule -Identifier $ruleId
        $out.Add([ordered]@{ rule = [string] $rule.Name; password_sync = [bool] $rule.EnablePasswordSync })
    }
    return , $out.ToArray()
}

function Get-ObjectFacts {
    # One object followed from the AD connector space to the metaverse to the
    # Azure AD connector space; $null (and a line in collect.log) where a part
    # the facts need could not be read, since a half-read object would mislead.
    param([string] $Dn, [object[]] $AdConnectors, [string[]] $AadConnectorNames)
    if (-not (Get-Command -Name Get-ADSyncCSObjectLog -ErrorAction SilentlyContinue)) {
        Write-Step ('object {0}: this server has no Get-ADSyncCSObjectLog, so the password sync log cannot be read; add the object to a base file by hand (docs/collecting.md)' -f $Dn)
        return $null
    }
    foreach ($connector in $AdConnectors) {
        $cs = $null
        try { $cs = Get-ADSyncCSObject -ConnectorName $connector.Name -DistinguishedName $Dn }
        catch { $cs = $null }
        if ($null -eq $cs) { continue }
        $object = [ordered]@{ dn = $Dn; connector = [string] $connector.Name }
        $object['cs'] = [ordered]@{ present = $true; lineage = (Get-LineageFacts -Lineage (Get-Property $cs @('Lineage'))) }
        $mvId = Get-Property $cs @('ConnectedMVObjectId')
        $mv = $null
        if ($null -ne $mvId -and [string] $mvId -ne [string] [guid]::Empty) {
            $mv = Get-ADSyncMVObject -Identifier $mvId
        }
        $aadCs = $null
        if ($null -eq $mv) {
            $object['mv'] = [ordered]@{ present = $false }
        }
        else {
            $attributes = [ordered]@{}
            foreach ($attribute in @(Get-Property $mv @('Attributes'))) {
                if ($MvAttributes -contains $attribute.Name) {
                    $attributes[$attribute.Name] = (@($attribute.Values) | ForEach-Object { [string] $_ }) -join ';'
                }
            }
            $links = @(Get-Property $mv @('Lineage'))
            $joined = @($links | ForEach-Object { [string] (Get-Property $_ @('ConnectorName')) } | Where-Object { $_ })
            $object['mv'] = [ordered]@{ present = $true; attributes = $attributes; connectors = $joined }
            foreach ($link in $links) {
                if ($AadConnectorNames -contains [string] (Get-Property $link @('ConnectorName'))) {
                    $aadCs = Get-ADSyncCSObject -Identifier (Get-Property $link @('ConnectedCsObjectId', 'CsObjectId'))
                }
            }
        }
        if ($null -eq $aadCs) {
            $object['aad'] = [ordered]@{ present = $false }
        }
        else {
            $object['aad'] = [ordered]@{ present = $true; lineage = (Get-LineageFacts -Lineage (Get-Property $aadCs @('Lineage'))) }
        }
        $entries = New-Object System.Collections.Generic.List[object]
        foreach ($logEntry in @(Get-ADSyncCSObjectLog -Identifier (Get-Property $cs @('ObjectId')) -Count 100)) {
            $time = Get-Property $logEntry @('TimeStamp', 'DateTime', 'Time')
            $status = Get-Property $logEntry @('Status', 'Result')
            if ($null -eq $time -or $null -eq $status) {
                Write-Step ('object {0}: a password sync log entry without a time or status; the object is left for a person to add' -f $Dn)
                return $null
            }
            $entry = [ordered]@{ time = ([datetime] $time).ToUniversalTime().ToString('o'); status = [string] $status }
            $details = Get-Property $logEntry @('Details', 'Detail')
            if ($details) { $entry['details'] = [string] $details }
            $entries.Add($entry)
        }
        $object['password_sync_log'] = $entries.ToArray()
        Write-Step ('object {0}: read from the connector {1}' -f $Dn, $connector.Name)
        return $object
    }
    Write-Step ('object {0}: not in the connector space of any AD connector' -f $Dn)
    return $null
}

New-Item -ItemType Directory -Path $OutputFolder -Force | Out-Null
$collectedAt = (Get-Date).ToUniversalTime()
$since = $collectedAt.AddDays(-$Days)
Write-Step ("collecting on {0} into {1}" -f $env:COMPUTERNAME, $OutputFolder)

$facts = [ordered]@{ format = 'phs-facts/1'; collected_at = $collectedAt.ToString('o') }

# 1. The ADSync module: every step but the events needs it.
$haveAdSync = $false
try {
    Import-Module ADSync
    $haveAdSync = $true
}
catch { Write-Skipped 'the ADSync module' $_ }

# 2. The configuration export.
if ($haveAdSync) {
    try {
        Get-ADSyncServerConfiguration -Path (Join-Path $OutputFolder 'config')
        Write-Step 'configuration export: written to config'
    }
    catch { Write-Skipped 'configuration export' $_ }
}

# 3. The events of the last $Days days, as event XML with the rendered message.
try {
    $filter = @{ LogName = 'Application'; ProviderName = $EventSources; StartTime = $since.ToLocalTime() }
    $records = @()
    try {
        $records = @(Get-WinEvent -FilterHashtable $filter)
    }
    catch {
        if ($_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { throw }
    }
    $writer = New-Object System.IO.StreamWriter -ArgumentList (Join-Path $OutputFolder 'events.xml'), $false, $Utf8
    try {
        foreach ($record in $records) {
            $xml = New-Object System.Xml.XmlDocument
            $xml.LoadXml($record.ToXml())
            $ns = $xml.DocumentElement.NamespaceURI
            $rendering = $xml.CreateElement('RenderingInfo', $ns)
            $message = $xml.CreateElement('Message', $ns)
            $message.InnerText = [string] $record.Message
            $rendering.AppendChild($message) | Out-Null
            $xml.DocumentElement.AppendChild($rendering) | Out-Null
            $writer.WriteLine($xml.DocumentElement.OuterXml)
        }
    }
    finally { $writer.Dispose() }
    $facts['events_since'] = $since.ToString('o')
    Write-Step ("events: {0} written to events.xml, since {1}" -f $records.Count, $facts['events_since'])
}
catch { Write-Skipped 'events' $_ }

# 4. The tenant's features.
if ($haveAdSync) {
    try {
        $features = Get-ADSyncAADCompanyFeature
        $facts['tenant'] = [ordered]@{
            password_hash_sync             = [bool] $features.PasswordHashSync
            force_password_change_on_logon = [bool] $features.ForcePasswordChangeOnLogOn
        }
        Write-Step 'tenant features: read'
    }
    catch { Write-Skipped 'tenant features' $_ }
}

# 5. Connectors: the channel of each AD connector, the domains behind it, Azure AD.
$connectorFacts = New-Object System.Collections.Generic.List[object]
$adConnectors = @()
$aadConnectorNames = @()
if ($haveAdSync) {
    try {
        $connectors = @(Get-ADSyncConnector)
        $adConnectors = @($connectors | Where-Object { (Get-Property $_ @('Type')) -eq 'AD' })
        foreach ($connector in $connectors) {
            $entry = [ordered]@{ name = [string] $connector.Name; id = [string] (Get-Property $connector @('Identifier')) }
            if ((Get-Property $connector @('Type')) -eq 'AD') {
                $entry['kind'] = 'ad'
                try {
                    $channel = Get-ADSyncAADPasswordSyncConfiguration -SourceConnector $connector.Name
                    $entry['password_sync'] = [bool] $channel.Enabled
                    if ($channel.TargetConnector) { $entry['password_sync_target'] = [string] $channel.TargetConnector }
                }
                catch { Write-Skipped ("password sync channel of {0}" -f $connector.Name) $_ }
                try { $entry['domains'] = @(Get-DomainFacts -Connector $connector) }
                catch { Write-Skipped ('domains of {0}' -f $connector.Name) $_ }
            }
            elseif ([string] (Get-Property $connector @('SubType')) -match 'Azure Active Directory|Entra') {
                $entry['kind'] = 'aad'
                $aadConnectorNames += [string] $connector.Name
                try {
                    # The sync account is `Sync_<server>_<id>@<tenant>.onmicrosoft.com`.
                    $user = [string] $connector.ConnectivityParameters['UserName'].Value
                    if ($user -match '@(.+)$') {
                        if (-not $facts.Contains('tenant')) { $facts['tenant'] = [ordered]@{} }
                        $facts['tenant']['name'] = $Matches[1]
                    }
                }
                catch { Write-Skipped 'tenant name' $_ }
                try {
                    $entry['azure_ad_reachable'] = Test-Port -ComputerName 'login.microsoftonline.com' -Port 443
                }
                catch { Write-Skipped 'Azure AD reachability' $_ }
            }
            else {
                $entry['kind'] = 'other'
            }
            $connectorFacts.Add($entry)
        }
        $facts['connectors'] = $connectorFacts.ToArray()
        Write-Step ("connectors: {0} read" -f $connectors.Count)
    }
    catch { Write-Skipped 'connectors' $_ }
}

# 6. Objects named with -DistinguishedName: the connector spaces and metaverse.
$objectFacts = New-Object System.Collections.Generic.List[object]
foreach ($dn in $DistinguishedName) {
    try {
        $object = Get-ObjectFacts -Dn $dn -AdConnectors $adConnectors -AadConnectorNames $aadConnectorNames
        if ($null -ne $object) { $objectFacts.Add($object) }
    }
    catch { Write-Skipped ("object {0}" -f $dn) $_ }
}
if ($DistinguishedName.Count -gt 0) { $facts['objects'] = $objectFacts.ToArray() }

# 7. Write base.json and the log.
$json = ConvertTo-Json -InputObject $facts -Depth 12
[System.IO.File]::WriteAllText((Join-Path $OutputFolder 'base.json'), $json, $Utf8)
Write-Step 'base.json written'
[System.IO.File]::WriteAllLines((Join-Path $OutputFolder 'collect.log'), $Log.ToArray(), $Utf8)
Write-Host ("Done. Send the folder {0} to your support engineer." -f $OutputFolder)
