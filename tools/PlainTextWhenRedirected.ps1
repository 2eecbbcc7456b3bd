# Dot-sourced by build.ps1, tools/Demo.ps1 and tests/Pester/Invoke-PesterSuite.ps1. When output goes to a file or a pipe
# (a CI log, `> build.log`), PowerShell still colours verbose, warning and error text and formatted headers with ANSI
# codes; plain text keeps such logs readable. A terminal keeps its colours.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
