<#
.SYNOPSIS
    Writes en-US/LastFmMf.PowerShell.dll-Help.xml (MAML) for the published module.
.DESCRIPTION
    The words come from module/help/<Cmdlet>.psd1 (Synopsis, Description, Parameters, Examples, Notes,
    Links); the syntax, types, positions and pipeline input come from Get-Command on the built module, so
    help never disagrees with the code. A cmdlet without a help file, or a parameter without a description,
    stops the build. Runs in its own pwsh because a binary module can't be unloaded.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource,
    [Parameter(Mandatory)] [string] $Destination
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$module = Import-Module $ModulePath -PassThru

# XML documentation of the module's assemblies: help files may borrow parameter descriptions and remarks from it
# (ParameterDocs / RemarksFrom), so the meaning, default and range of a hyperparameter are written once, in the core.
$docs = @{}
foreach ($xml in Get-ChildItem (Split-Path $ModulePath) -Filter '*.xml') {
    $doc = [xml](Get-Content -Raw $xml.FullName)
    if (-not $doc.doc) { continue }
    foreach ($m in $doc.doc.members.member) { $docs[$m.name] = $m }
}
function ConvertFrom-DocXml([string] $member, [string] $part) {
    # SelectSingleNode, because PowerShell's XML adapter turns a text-only element into a plain string.
    $node = if ($docs[$member]) { $docs[$member].SelectSingleNode($part) }
    if (-not $node) { return $null }
    $text = $node.InnerXml -replace '<see cref="[^"]*">([^<]*)</see>', '$1' -replace '<see cref="[A-Z]:([^"]+)"\s*/>', { Format-Cref $_.Groups[1].Value } `
        -replace '<(?:see langword|paramref name|typeparamref name)="([^"]+)"\s*/>', '$1' -replace '<para>', "`n`n" -replace '</para>', '' `
        -replace '<b>([^<]*)</b>', '$1' -replace '<c>([^<]*)</c>', '$1' -replace '<[^>]+>', ''
    [System.Net.WebUtility]::HtmlDecode($text).Trim()
}
function Format-Cref([string] $cref) {
    # A member by its last name, a method as Type.Method(ArgTypes): "M:A.B.Hyperparameters.DefaultsFor(A.B.ObjectiveKind)"
    # reads "Hyperparameters.DefaultsFor(ObjectiveKind)". Stripping the whole tag left fragments like "Start from  to get".
    if ($cref -notmatch '^(?<name>[^(]+)(?:\((?<args>.*)\))?$') { return $cref }
    $parts = $Matches.name -split '\.'
    if ($null -eq $Matches['args']) { return $parts[-1] }
    $argTypes = $Matches['args'] -replace '[\w`]+\.', '' -replace ',', ', '
    '{0}.{1}({2})' -f $parts[-2], $parts[-1], $argTypes
}
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
New-Item -ItemType Directory -Force (Split-Path $Destination) | Out-Null
$w = [System.Xml.XmlWriter]::Create($Destination, $settings)
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

function Write-Paras([string] $prefix, [string] $ns, [string] $name, [string] $text) {
    $w.WriteStartElement($prefix, $name, $ns)
    foreach ($p in ($text -split "(\r?\n){2,}" | Where-Object { $_.Trim() })) {
        $w.WriteElementString('maml', 'para', $maml, ($p.Trim() -replace '\s*\r?\n\s*', ' '))
    }
    $w.WriteEndElement()
}

function Get-PipelineInput($attr) {
    $kinds = @()
    if ($attr.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($attr.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Parameter($param, $attr, [hashtable] $text, [bool] $withDefault, [string] $default) {
    $w.WriteStartElement('command', 'parameter', $cmd)
    $w.WriteAttributeString('required', "$($attr.Mandatory)".ToLower())
    $w.WriteAttributeString('globbing', 'false')
    $w.WriteAttributeString('pipelineInput', (Get-PipelineInput $attr))
    $w.WriteAttributeString('position', $(if ($attr.Position -ge 0) { "$($attr.Position)" } else { 'named' }))
    $w.WriteElementString('maml', 'name', $maml, $param.Name)
    Write-Paras 'maml' $maml 'description' $text[$param.Name]
    $isSwitch = $param.ParameterType -eq [switch]
    # A Nullable<T> parameter is a T the user may leave out (null: not given): help shows T, not "Nullable`1".
    $type = [Nullable]::GetUnderlyingType($param.ParameterType) ?? $param.ParameterType
    if (-not $isSwitch) {
        $w.WriteStartElement('command', 'parameterValue', $cmd)
        $w.WriteAttributeString('required', 'true')
        $w.WriteString($type.Name)
        $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $dev)
    $w.WriteElementString('maml', 'name', $maml, $type.FullName)
    $w.WriteEndElement()
    # The real default, when there is one to show: 'None' under every parameter said nothing, and was wrong for most.
    if ($withDefault -and $null -ne $default) { $w.WriteElementString('dev', 'defaultValue', $dev, $default) }
    $w.WriteEndElement()
}

# The default of a training setting as the core has it, per objective: "64" when every objective that reads it agrees,
# else "Preference 256, Squared 64, Bpr 64, Implicit 128" (the default objective first). The cmdlet's own properties stay unset (0) so that an
# omitted parameter keeps the chosen objective's default, which is why the class cannot be asked.
function Get-ObjectiveDefaultText([string] $name) {
    $byObjective = [ordered]@{}
    $default = [LastFmMf.Training.Objectives]::DefaultName
    foreach ($o in @($default) + @([LastFmMf.Training.Objectives]::Names | Where-Object { $_ -ne $default })) {
        $hp = [LastFmMf.Training.Hyperparameters]::DefaultsFor($o)
        foreach ($holder in $hp, $hp.Objective) {
            $prop = $holder.GetType().GetProperty($name)
            $type = if ($prop) { [Nullable]::GetUnderlyingType($prop.PropertyType) ?? $prop.PropertyType }
            # Only plain values: Hyperparameters.Objective is the settings record, not what -Objective takes.
            if ($prop -and ($type.IsPrimitive -or $type.IsEnum -or $type -eq [string])) { $byObjective[$o] = [System.Convert]::ToString($prop.GetValue($holder), [System.Globalization.CultureInfo]::InvariantCulture); break }
        }
    }
    if ($byObjective.Count -eq 0) { return $null }
    $distinct = @($byObjective.Values | Select-Object -Unique)
    if ($distinct.Count -eq 1) { return $distinct[0] }
    ($byObjective.GetEnumerator() | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', '
}

function Get-DefaultText($command, $param, [hashtable] $help) {
    # A help file's Defaults entry wins (for a default that depends on other parameters); $null: show none.
    if ($help['Defaults'] -and $help.Defaults.ContainsKey($param.Name)) { return [string]$help.Defaults[$param.Name] }
    if ($param.ParameterType -eq [switch]) { return 'False' }
    if ($help['DefaultsFromObjectives'] -and ($text = Get-ObjectiveDefaultText $param.Name)) { return $text }
    # Otherwise the property's initial value on a fresh instance of the cmdlet class, which is what binding starts from.
    $instance = [Activator]::CreateInstance($command.ImplementingType)
    try { $value = $command.ImplementingType.GetProperty($param.Name).GetValue($instance) }
    finally { if ($instance -is [System.IDisposable]) { $instance.Dispose() } }
    if ($null -eq $value -or ($value -is [array] -and $value.Length -eq 0) -or ($value -is [string] -and $value -eq '')) { return $null }
    [System.Convert]::ToString($value, [System.Globalization.CultureInfo]::InvariantCulture)
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($c in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $file = Join-Path $HelpSource "$($c.Name).psd1"
    if (-not (Test-Path $file)) { throw "$($c.Name) has no help file: expected $file." }
    $h = Import-PowerShellDataFile $file
    # A '*' in ParameterDocs/RemarksFrom names every documented type that matches (e.g. every objective's settings
    # record), in the order of their XML docs, so a new objective needs no change here.
    foreach ($key in 'ParameterDocs', 'RemarksFrom') {
        if (-not $h[$key]) { continue }
        $h[$key] = @(foreach ($t in @($h[$key])) {
            if ($t -notlike '*`**') { $t; continue }
            $docs.Keys | Where-Object { $_ -like "T:$t" -and $_ -notlike 'T:*ObjectiveSettings' } | Sort-Object | ForEach-Object { $_.Substring(2) }
        })
    }
    if ($h['ParameterDocs']) {
        # Several settings records (shared, then one per objective): a parameter that more than one objective reads
        # gets each one's text, prefixed with the objective ("SquaredSettings" → "Squared:").
        foreach ($p in $c.Parameters.Values) {
            if ($h.Parameters.ContainsKey($p.Name)) { continue }
            $parts = foreach ($type in @($h.ParameterDocs)) {
                $text = ConvertFrom-DocXml "P:$type.$($p.Name)" 'summary'
                if ($text) { [pscustomobject]@{ Owner = ($type -replace '^.*\.', '' -replace 'Settings$', ''); Text = $text } }
            }
            if (@($parts).Count -eq 1) { $h.Parameters[$p.Name] = $parts[0].Text }
            elseif ($parts) { $h.Parameters[$p.Name] = ($parts | ForEach-Object { "$($_.Owner): $($_.Text)" }) -join "`n`n" }
        }
    }
    foreach ($type in @($h['RemarksFrom'])) {
        if (-not $type) { continue }
        $title = $type -replace '^.*\.', '' -replace 'Settings$', ''
        $h.Description += "`n`n" + $(if ($type -like '*Settings') { "$title objective. " } else { '' }) + (ConvertFrom-DocXml "T:$type" 'remarks')
    }
    $params = $c.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object Name
    foreach ($p in $params) {
        if (-not $h.Parameters.ContainsKey($p.Name)) { throw "$file does not describe the parameter -$($p.Name)."  }
    }
    if (-not $h.Examples) { throw "$file has no example." }

    $w.WriteStartElement('command', 'command', $cmd)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('command', 'details', $cmd)
    $w.WriteElementString('command', 'name', $cmd, $c.Name)
    $w.WriteElementString('command', 'verb', $cmd, $c.Verb)
    $w.WriteElementString('command', 'noun', $cmd, $c.Noun)
    Write-Paras 'maml' $maml 'description' $h.Synopsis
    $w.WriteEndElement()
    Write-Paras 'maml' $maml 'description' $h.Description

    $w.WriteStartElement('command', 'syntax', $cmd)
    foreach ($set in $c.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $cmd)
        $w.WriteElementString('maml', 'name', $maml, $c.Name)
        foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $attr = [pscustomobject]@{ Mandatory = $sp.IsMandatory; Position = $sp.Position; ValueFromPipeline = $sp.ValueFromPipeline; ValueFromPipelineByPropertyName = $sp.ValueFromPipelineByPropertyName }
            Write-Parameter $c.Parameters[$sp.Name] $attr $h.Parameters $false
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $cmd)
    foreach ($p in $params) {
        $attr = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } | Select-Object -First 1
        Write-Parameter $p $attr $h.Parameters $true (Get-DefaultText $c $p $h)
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'inputTypes', $cmd)
    foreach ($t in @($h['Inputs'])) {
        if (-not $t) { continue }
        $w.WriteStartElement('command', 'inputType', $cmd)
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $t); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteStartElement('command', 'returnValues', $cmd)
    foreach ($t in $c.OutputType) {
        $w.WriteStartElement('command', 'returnValue', $cmd)
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $t.Name); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    if ($h['Notes']) {
        $w.WriteStartElement('maml', 'alertSet', $maml)
        $w.WriteStartElement('maml', 'alert', $maml)
        foreach ($p in ($h.Notes -split "(\r?\n){2,}" | Where-Object { $_.Trim() })) { $w.WriteElementString('maml', 'para', $maml, ($p.Trim() -replace '\s*\r?\n\s*', ' ')) }
        $w.WriteEndElement(); $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $cmd)
    $i = 0
    foreach ($ex in $h.Examples) {
        $i++
        $w.WriteStartElement('command', 'example', $cmd)
        $w.WriteElementString('maml', 'title', $maml, "-------------------------- Example ${i}: $($ex.Title) --------------------------")
        $w.WriteElementString('dev', 'code', $dev, $ex.Code.Trim())
        Write-Paras 'dev' $dev 'remarks' $ex.Remarks
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $cmd)
    foreach ($l in @($h['Links'])) {
        if (-not $l) { continue }
        $w.WriteStartElement('maml', 'navigationLink', $maml)
        $w.WriteElementString('maml', 'linkText', $maml, $l)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Close()
Write-Host "Help written to $Destination"
