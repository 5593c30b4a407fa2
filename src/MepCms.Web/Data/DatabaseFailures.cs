using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore.Storage;

namespace MepCms.Web.Data;

/// <summary>
/// Tells "the database is unavailable" (the page answers 503 and the app recovers by itself once
/// it is back) from a bug such as a violated constraint (500).
/// </summary>
public static class DatabaseFailures
{
    private const int SqliteConstraint = 19;
    private static readonly int[] SqlServerConstraints = [547, 2601, 2627];

    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode != SqliteConstraint;
                case SqlException sql:
                    return !sql.Errors.Cast<SqlError>().Any(x => SqlServerConstraints.Contains(x.Number));
                case RetryLimitExceededException:
                    return true;
                case DbException:
                    return true;
            }
        }
        return false;
    }
}
