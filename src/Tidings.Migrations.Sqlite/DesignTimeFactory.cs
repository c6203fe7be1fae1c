using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tidings.Core.Data;

namespace Tidings.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TidingsDbContext>
{
    public TidingsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TidingsDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
