namespace CheckpointDashboard.HostSimulator;

/// <summary>
/// The standalone simulator. For now it prints what it would serve; the WS-Management server that answers
/// over the wire is the next step (see the README's roadmap).
/// </summary>
internal static class Program
{
    private static int Main()
    {
        Console.Error.WriteLine("The standalone WS-Management simulator is not implemented yet: the simulated fleet runs in process inside the dashboard (dotnet run --project src/Dashboard).");
        return 2;
    }
}
