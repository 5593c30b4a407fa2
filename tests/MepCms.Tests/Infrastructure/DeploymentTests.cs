using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MepCms.Tests.Infrastructure;

/// <summary>The docker compose setup an operator runs, checked without Docker.</summary>
public sealed partial class DeploymentTests
{
    internal static readonly string Root = FindRepositoryRoot();

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)((YamlMappingNode)Compose()["services"])[name];

    private static string? Text(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map)
            {
                return null;
            }
            // A key of the mapping itself, or of the one it merges in (`<<: *anchor`), as compose reads it.
            if (!map.Children.TryGetValue(key, out var child)
                && !(map.Children.TryGetValue("<<", out var merged) && merged is YamlMappingNode inherited && inherited.Children.TryGetValue(key, out child)))
            {
                return null;
            }
            node = child;
        }
        return node is YamlScalarNode scalar ? scalar.Value : node.ToString();
    }

    [Fact]
    public void Compose_runs_sql_server_a_migrate_step_the_web_app_a_proxy_and_optional_redis()
    {
        var services = ((YamlMappingNode)Compose()["services"]).Children.Keys.Select(k => k.ToString()).ToList();

        Assert.Equal(["db", "migrate", "web", "proxy", "redis"], services);
        Assert.StartsWith("mcr.microsoft.com/mssql/server:", Text(Service("db"), "image"));
        Assert.Equal("redis", ((YamlSequenceNode)Service("redis")["profiles"]).Children.Single().ToString());
    }

    [Fact]
    public void Web_instances_start_only_after_the_migrate_step_succeeded_and_do_not_migrate_themselves()
    {
        Assert.Equal("migrate", ((YamlSequenceNode)Service("migrate")["command"]).Children.Single().ToString());
        Assert.Equal("service_healthy", Text(Service("migrate"), "depends_on", "db", "condition"));
        Assert.Equal("service_completed_successfully", Text(Service("web"), "depends_on", "migrate", "condition"));
        Assert.Equal("false", Text(Service("web"), "environment", "Database__MigrateOnStartup"));
        Assert.Equal("SqlServer", Text(Service("web"), "environment", "Database__Provider"));
        Assert.Null(Text(Service("web"), "ports")); // scaled instances sit behind the proxy
    }

    [Fact]
    public void Database_web_proxy_and_redis_have_health_checks_and_the_web_one_does_not_touch_the_database()
    {
        foreach (var name in new[] { "db", "web", "proxy", "redis" })
        {
            Assert.NotNull(Text(Service(name), "healthcheck", "test"));
        }
        Assert.Contains("/health/live", Text(Service("web"), "healthcheck", "test"));
        Assert.Contains("/health/live", File.ReadAllText(Path.Combine(Root, "src/MepCms.Web/Dockerfile")));
    }

    [Fact]
    public void Database_media_and_logs_live_in_named_volumes()
    {
        var volumes = ((YamlMappingNode)Compose()["volumes"]).Children.Keys.Select(k => k.ToString()).ToHashSet();
        var mounts = new[] { "db", "web" }.SelectMany(s => ((YamlSequenceNode)Service(s)["volumes"]).Children.Select(v => v.ToString())).ToList();

        Assert.Contains("sqldata:/var/opt/mssql", mounts);
        Assert.Contains("appdata:/app/App_Data", mounts); // media are under App_Data/media
        Assert.Contains("logs:/app/logs", mounts);
        Assert.Superset(new HashSet<string> { "sqldata", "appdata", "logs" }, volumes);
    }

    [Fact]
    public void No_password_is_written_in_the_compose_file()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));

        // Every password comes from the environment (${...}) and a missing one stops compose.
        foreach (Match match in PasswordValue().Matches(compose))
        {
            Assert.StartsWith("${", match.Groups["value"].Value);
        }
        Assert.Contains("${MSSQL_SA_PASSWORD:?", compose);
        Assert.Matches("(?m)^MSSQL_SA_PASSWORD=$", File.ReadAllText(Path.Combine(Root, ".env.example")));
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(Root, ".gitignore")).Select(l => l.Trim()));
    }

    [Fact]
    public void The_image_runs_as_a_non_root_user()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Root, "src/MepCms.Web/Dockerfile"));

        Assert.Contains("USER $APP_UID", dockerfile);
        Assert.DoesNotContain(dockerfile, l => l.Trim() is "USER root" or "USER 0");
    }

    [Fact]
    public void The_image_has_icu_so_every_languages_culture_works()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "src/MepCms.Web/Dockerfile"));
        var runtime = File.ReadAllLines(Path.Combine(Root, "src/MepCms.Web/Dockerfile")).Single(l => l.StartsWith("FROM", StringComparison.Ordinal) && l.EndsWith("AS runtime", StringComparison.Ordinal));
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(Root, "Directory.Build.props"));

        // Alpine and chiseled images come without ICU (only the chiseled "-extra" one has it).
        Assert.DoesNotContain("alpine", runtime);
        Assert.True(!runtime.Contains("chiseled", StringComparison.Ordinal) || runtime.Contains("-extra", StringComparison.Ordinal), runtime);
        Assert.DoesNotContain("GLOBALIZATION_INVARIANT", dockerfile);
        Assert.DoesNotContain("GLOBALIZATION_INVARIANT", File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
        Assert.Equal("false", props.Descendants("InvariantGlobalization").Single().Value);
        Assert.Equal("oktober", new System.Globalization.CultureInfo("nl").DateTimeFormat.GetMonthName(10));
    }

    [Fact]
    public void The_image_is_compiled_ahead_of_time_for_its_own_architecture()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Root, "src/MepCms.Web/Dockerfile"));
        var publish = dockerfile.Single(l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        var restore = dockerfile.Single(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));

        Assert.Contains("ARG TARGETARCH", dockerfile);
        Assert.All(new[] { publish, restore }, l => Assert.Contains("-a \"$TARGETARCH\" ", l));
        Assert.All(new[] { publish, restore }, l => Assert.Contains("-p:PublishReadyToRun=true", l));
        Assert.Contains("--self-contained false", publish);
    }

    [Fact]
    public void The_proxy_that_compose_trusts_sets_forwarded_headers_itself()
    {
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy/nginx.conf.template"));
        var ipam = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Compose()["networks"])["default"])["ipam"];
        var subnet = Text(((YamlSequenceNode)ipam["config"]).Children.Single(), "subnet");

        Assert.Contains("proxy_set_header X-Forwarded-For $remote_addr;", nginx);
        Assert.Equal("172.28.0.0/24", Text(Service("web"), "environment", "ForwardedHeaders__KnownNetworks__0"));
        Assert.Equal("172.28.0.0/24", subnet);
    }

    [Fact]
    public void The_web_instances_connect_with_their_own_login_which_the_migrate_step_creates()
    {
        var web = Text(Service("web"), "environment", "ConnectionStrings__MepCms")!;
        var migrate = Text(Service("migrate"), "environment", "ConnectionStrings__MepCms")!;

        Assert.Contains("User Id=mepcms_app;", web);
        Assert.Contains("Password=${MSSQL_APP_PASSWORD:?", web);
        Assert.DoesNotContain("User Id=sa;", web);
        Assert.Contains("User Id=sa;", migrate);
        Assert.Equal("mepcms_app", Text(Service("migrate"), "environment", "Database__AppLogin"));
        Assert.StartsWith("${MSSQL_APP_PASSWORD:?", Text(Service("migrate"), "environment", "Database__AppLoginPassword"));
        Assert.Equal("SqlServer", Text(Service("migrate"), "environment", "Database__Provider")); // the rest is shared
        Assert.Matches("(?m)^MSSQL_APP_PASSWORD=$", File.ReadAllText(Path.Combine(Root, ".env.example")));
    }

    [Fact]
    public void The_host_names_are_passed_and_the_image_is_built_once_for_migrate_and_web()
    {
        Assert.Equal("${ALLOWED_HOSTS:-*}", Text(Service("web"), "environment", "AllowedHosts"));
        var built = ((YamlMappingNode)Compose()["services"]).Children.Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey("build")).Select(s => s.Key.ToString());
        Assert.Equal(["migrate"], built);
        Assert.Equal(Text(Service("migrate"), "image"), Text(Service("web"), "image"));
        Assert.Equal("never", Text(Service("web"), "pull_policy"));
    }

    [Fact]
    public void Behind_a_TLS_terminator_the_proxy_passes_on_https_and_otherwise_only_its_own_scheme()
    {
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy/nginx.conf.template"));

        Assert.Equal("${BEHIND_TLS_PROXY:-false}", Text(Service("proxy"), "environment", "MEPCMS_BEHIND_TLS_PROXY"));
        Assert.Contains("./deploy/nginx.conf.template:/etc/nginx/templates/default.conf.template:ro", ((YamlSequenceNode)Service("proxy")["volumes"]).Children.Select(v => v.ToString()));
        Assert.Contains("map \"${MEPCMS_BEHIND_TLS_PROXY}:$http_x_forwarded_proto\" $mepcms_forwarded_proto {", nginx);
        Assert.Matches(@"default\s+\$scheme;", nginx);
        Assert.Matches(@"""true:https""\s+https;", nginx);
        Assert.Contains("proxy_set_header X-Forwarded-Proto $mepcms_forwarded_proto;", nginx);
        Assert.DoesNotContain("X-Forwarded-Proto $http_x_forwarded_proto", nginx);
    }

    [GeneratedRegex(@"(?i)(password[^:=\s]*\s*[:=]\s*|Password=)(?<value>[^;\s""]+)")]
    private static partial Regex PasswordValue();

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MepCms.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("MepCms.sln not found above the test output");
    }
}
