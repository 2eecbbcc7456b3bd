# Issue 13 row 10: Ctrl+C ends a long cmdlet at once and leaves nothing behind, also where the core call has no
# cancellation points of its own (a split, an evaluation, ScottPlot's rendering): Stoppable runs it on a worker.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Get-LastFmMfModulePath) -Force
    $script:sample = Join-Path (Split-Path (Get-LastFmMfModulePath)) 'data/sample'
    $script:stoppable = (Get-Command Export-MfChart).ImplementingType.Assembly.GetType('LastFmMf.PowerShell.Stoppable', $true)
    # The work runs on a worker thread, where a script block cannot run: compile it from an expression instead.
    function script:New-Work([System.Linq.Expressions.Expression] $Body) {
        $object = [System.Linq.Expressions.Expression]::Convert($Body, [object])
        [System.Linq.Expressions.Expression]::Lambda[Func[object]]($object).Compile()
    }
    function script:Invoke-Stoppable([Func[object]] $Work, [System.Threading.CancellationToken] $Stop) {
        $stoppable.GetMethod('Run').MakeGenericMethod([object]).Invoke($null, @($Work, $Stop))
    }
}

Describe 'Stoppable' {
    It 'returns the result of work that finishes' {
        Invoke-Stoppable (New-Work ([System.Linq.Expressions.Expression]::Constant(42))) ([System.Threading.CancellationToken]::None) | Should -Be 42
    }

    It 'passes on the work''s own exception, unwrapped' {
        $throw = [System.Linq.Expressions.Expression]::Throw([System.Linq.Expressions.Expression]::Constant([System.ArgumentException]::new('bad input')), [object])
        try { Invoke-Stoppable (New-Work $throw) ([System.Threading.CancellationToken]::None); $caught = $null }
        catch { $caught = $_.Exception.InnerException }
        $caught | Should -BeOfType System.ArgumentException
        $caught.Message | Should -Be 'bad input'
    }

    It 'ends with PipelineStoppedException when stopped, though the work never ends' {
        # That exception stops whatever pipeline it reaches, so it is raised in a pipeline of its own here.
        $never = [System.Threading.ManualResetEventSlim]::new($false)
        $wait = [System.Linq.Expressions.Expression]::Call([System.Linq.Expressions.Expression]::Constant($never), 'Wait', [type[]]@())
        $work = New-Work ([System.Linq.Expressions.Expression]::Block($wait, [System.Linq.Expressions.Expression]::Constant(1)))
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($stoppable, $work)
                $stop = [System.Threading.CancellationTokenSource]::new()
                $stop.CancelAfter(200)
                $stoppable.GetMethod('Run').MakeGenericMethod([object]).Invoke($null, @($work, $stop.Token))
                'not stopped'
            }).AddArgument($stoppable).AddArgument($work)
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        # Without the stop the work would wait forever; the bound only keeps a broken Stoppable from hanging the run.
        try { $ended = $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60)) } finally { $never.Set() }
        $ended | Should -BeTrue -Because 'the stop should end the wait on work that never finishes'
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $output | Should -BeNullOrEmpty -Because 'the script ends at the stop, before its last line'
        $ps.Dispose()
    }
}

Describe 'Ctrl+C during Export-MfChart' {
    It 'stops an 8000x8000 render and writes no file' {
        $path = Join-Path $TestDrive 'big.png'
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $sample, $path)
                Import-Module $module
                $run = Import-LastFmData $sample -WarningAction SilentlyContinue | Invoke-MfTraining -Objective Squared -Factors 8 -Epochs 2
                'rendering'
                $run | Export-MfChart -Kind ArtistMap $path -Width 8000 -Height 8000 -MinListeners 1
            }).AddArgument((Get-LastFmMfModulePath)).AddArgument($sample).AddArgument($path)
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($output.Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $output.Count | Should -Be 1 -Because 'the script should have reached the render'
        # The render of this size takes seconds (4.5 s here on the sample); stop it a moment after it began.
        Start-Sleep -Milliseconds 300
        $ps.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $stopped = try { $ps.EndInvoke($async); $false } catch { $_.Exception.InnerException -is [System.Management.Automation.PipelineStoppedException] }
        $stopped | Should -BeTrue
        $output.Count | Should -Be 1 -Because 'no file item follows the marker'
        Test-Path $path | Should -BeFalse
        @(Get-ChildItem -Force $TestDrive -Filter '*.tmp') | Should -BeNullOrEmpty
        $ps.Dispose()
    }
}

Describe 'Split-LastFmData -MinListens' {
    It 'is refused with -Method Random, where it would change nothing' {
        $data = Import-LastFmData $sample -WarningAction SilentlyContinue
        { $data | Split-LastFmData -Method Random -MinListens 3 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotApplicable,*'
    }
}
