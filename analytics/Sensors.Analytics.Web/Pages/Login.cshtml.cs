using System.Collections.Generic;
using System.Globalization;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Security;

namespace Sensors.Analytics.Web.Pages;

public sealed class LoginModel(ClinicRepository repo) : PageModel
{
    [BindProperty] public string Username { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        User? user = repo.FindUser(Username.Trim());
        if (user is null || !PasswordHashing.Verify(Password, user.PasswordHash))
        {
            repo.Audit(string.IsNullOrWhiteSpace(Username) ? "anonymous" : Username.Trim(), "login-failed", null);
            Error = "Unknown user name or wrong password.";
            return Page();
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.Role, user.Role),
            new(CitizenAccess.UserIdClaim, user.Id.ToString(CultureInfo.InvariantCulture)),
        };
        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        repo.Audit(user.Username, "login", null);
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        return user.Role switch
        {
            Roles.Technician => Redirect("/technician/bands"),
            _ => Redirect("/citizens"),
        };
    }
}
