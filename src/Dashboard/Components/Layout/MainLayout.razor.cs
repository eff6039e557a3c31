using MudBlazor;

namespace CheckpointDashboard.Dashboard.Components.Layout;

public partial class MainLayout
{
    private readonly MudTheme _theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0F6CBD",
            AppbarBackground = "#1B1A19",
            AppbarText = "#FFFFFF",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#479EF5",
        },
    };

    private bool _drawerOpen = true;
    private bool _darkMode;

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private void ToggleDarkMode() => _darkMode = !_darkMode;
}
