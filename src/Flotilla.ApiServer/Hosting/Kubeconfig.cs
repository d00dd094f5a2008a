using System.Text;

namespace Flotilla.ApiServer.Hosting;

/// <summary>Writes kubeconfig files (cluster, user and context of one name, bearer token, inline CA).</summary>
public static class Kubeconfig
{
    public const string KarmadaApiServer = "karmada-apiserver";
    public const string FileName = "karmada-apiserver.config";

    public static string Render(string name, string server, string caPem, string token)
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: {ca}
                server: {server}
              name: {name}
            contexts:
            - context:
                cluster: {name}
                user: {name}
              name: {name}
            current-context: {name}
            preferences: {"{}"}
            users:
            - name: {name}
              user:
                token: {token}

            """;
    }

    /// <summary>Writes the file with mode 0600 (it holds a token), atomically.</summary>
    public static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads the admin token from <paramref name="path"/>, creating it (0600) when absent.</summary>
    public static string LoadOrCreateToken(string path)
    {
        if (File.Exists(path))
        {
            var t = File.ReadAllText(path).Trim();
            if (t.Length > 0) return t;
        }
        var token = KubeApi.NewToken();
        Write(path, token + "\n");
        return token;
    }
}
