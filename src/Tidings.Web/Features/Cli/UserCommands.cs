using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Tidings.Core.Accounts;
using Tidings.Core.Data;
using Tidings.Web.Features.Accounts;
using Tidings.Web.Infrastructure;

namespace Tidings.Web.Features.Cli;

/// <summary>`users add|list|roles|password`: accounts from the shell; the first admin comes from here.</summary>
internal static class UserCommands
{
    public static Command Create(Option<string?> dataDir)
    {
        var userName = new Argument<string>("username") { Description = "Sign-in name: letters, digits and . _ - @." };
        var roles = new Option<string[]>("--role") { Description = $"Role (repeatable): {string.Join(", ", Roles.All)}. None: a reader account.", AllowMultipleArgumentsPerToken = false };
        var displayName = new Option<string?>("--name") { Description = "Name shown on articles, comments and in the audit log (default: the username)." };
        var source = new Option<string?>("--source") { Description = "For creators: slug of the self-media source they publish as." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (first line) instead of asking." };

        var add = new Command("add", "Create an account, e.g. users add chief --role admin --name 总编辑");
        add.Arguments.Add(userName);
        add.Options.Add(roles);
        add.Options.Add(displayName);
        add.Options.Add(source);
        add.Options.Add(passwordStdin);
        add.SetAction(async (parse, ct) =>
        {
            var password = ReadPassword(parse.GetValue(passwordStdin), confirm: true);
            if (password is null)
            {
                return 2;
            }

            return await WithServicesAsync(parse.GetValue(dataDir), async services =>
            {
                var name = parse.GetValue(userName)!;
                var (user, errors) = await ActivatorUtilities.CreateInstance<AccountAdmin>(services)
                    .CreateAsync(name, parse.GetValue(displayName) ?? name, password, parse.GetValue(roles) ?? [], parse.GetValue(source), ct);
                if (user is null)
                {
                    return Errors(errors);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Created account {user.UserName} (id {user.Id}, {user.DisplayName}) with roles: {FormatRoles(parse.GetValue(roles) ?? [])}."));
                return 0;
            }, ct);
        });

        var list = new Command("list", "List accounts with their roles.");
        list.SetAction((parse, ct) => WithServicesAsync(parse.GetValue(dataDir), async services =>
        {
            var db = services.GetRequiredService<TidingsDbContext>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var roleNames = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
            foreach (var u in await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct))
            {
                var theirs = roleNames.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList();
                var locked = u.LockoutEnd > now ? " (locked)" : string.Empty;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{u.Id,5}  {u.UserName,-24} {u.DisplayName,-16} {FormatRoles(theirs)}{locked}"));
            }

            return 0;
        }, ct));

        var setRoles = new Command("roles", "Replace an account's roles, e.g. users roles li.ming --role editor (no --role: a reader).");
        setRoles.Arguments.Add(userName);
        setRoles.Options.Add(roles);
        setRoles.SetAction((parse, ct) => WithAccountAsync(parse.GetValue(dataDir), parse.GetValue(userName)!, async (services, _, user) =>
        {
            var wanted = parse.GetValue(roles) ?? [];
            var errors = await ActivatorUtilities.CreateInstance<AccountAdmin>(services).SetRolesAsync(user, wanted);
            if (errors.Count > 0)
            {
                return Errors(errors);
            }

            Console.WriteLine($"{user.UserName} now has roles: {FormatRoles(wanted)}.");
            return 0;
        }, ct));

        var password = new Command("password", "Set a new password for an account (and unlock it).");
        password.Arguments.Add(userName);
        password.Options.Add(passwordStdin);
        password.SetAction(async (parse, ct) =>
        {
            var secret = ReadPassword(parse.GetValue(passwordStdin), confirm: true);
            if (secret is null)
            {
                return 2;
            }

            return await WithAccountAsync(parse.GetValue(dataDir), parse.GetValue(userName)!, async (_, users, user) =>
            {
                var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), secret);
                if (!result.Succeeded)
                {
                    return Errors(result.Errors.Select(e => e.Description));
                }

                await users.SetLockoutEndDateAsync(user, null);
                await users.ResetAccessFailedCountAsync(user);
                Console.WriteLine($"Password of {user.UserName} changed; the account is unlocked.");
                return 0;
            }, ct);
        });

        var command = new Command("users", "Newsroom and reader accounts.");
        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        command.Subcommands.Add(setRoles);
        command.Subcommands.Add(password);
        return command;
    }

    /// <summary>Runs <paramref name="work"/> against the data directory's services, the database brought up to date first.</summary>
    private static async Task<int> WithServicesAsync(string? dataDir, Func<IServiceProvider, Task<int>> work, CancellationToken ct)
    {
        using var host = CliHost.Build(dataDir);
        await host.Services.InitializeDatabaseAsync(allowDemoSeed: false, ct);
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>The same, for the account named <paramref name="userName"/>; a usage error when there is none.</summary>
    private static Task<int> WithAccountAsync(string? dataDir, string userName, Func<IServiceProvider, UserManager<TidingsUser>, TidingsUser, Task<int>> work, CancellationToken ct) =>
        WithServicesAsync(dataDir, async services =>
        {
            var users = services.GetRequiredService<UserManager<TidingsUser>>();
            return await users.FindByNameAsync(userName) is { } user ? await work(services, users, user) : Errors([$"no account '{userName}'"]);
        }, ct);

    private static int Errors(IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            Console.Error.WriteLine("error: " + error);
        }

        return 2;
    }

    private static string FormatRoles(IEnumerable<string> roles)
    {
        var list = roles.ToList();
        return list.Count == 0 ? "(reader)" : string.Join(", ", list);
    }

    /// <summary>From standard input, or asked twice on a terminal; never from the command line, where `ps` would show it.</summary>
    private static string? ReadPassword(bool fromStdin, bool confirm)
    {
        if (fromStdin)
        {
            var line = Console.In.ReadLine();
            if (string.IsNullOrEmpty(line))
            {
                Console.Error.WriteLine("error: --password-stdin: standard input had no password line");
                return null;
            }

            return line;
        }

        if (Console.IsInputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            Console.Error.WriteLine("error: not a terminal; pass the password on standard input with --password-stdin");
            return null;
        }

        var first = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
        if (confirm && AnsiConsole.Prompt(new TextPrompt<string>("Again:").Secret()) != first)
        {
            Console.Error.WriteLine("error: the two passwords differ");
            return null;
        }

        return first;
    }
}
