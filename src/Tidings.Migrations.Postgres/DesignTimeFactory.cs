using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tidings.Core.Data;

namespace Tidings.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host (no server is contacted).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TidingsDbContext>
{
    public TidingsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TidingsDbContext>()
            .UseNpgsql("Host=localhost;Database=tidings_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
