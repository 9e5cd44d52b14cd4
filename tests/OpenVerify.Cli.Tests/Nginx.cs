using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpenVerify.Cli.Tests;

/// <summary>
/// A real nginx (Debian's <c>nginx</c>) serving a folder on a loopback port, with its own prefix, configuration, pid
/// and logs in a temporary folder, in the foreground as the test's child process; stopped on dispose. The checkpoint
/// is served as C2SP tlog-tiles asks (text/plain, not cached), everything else as immutable octet streams, gzipped.
/// </summary>
internal sealed class Nginx : IDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    public const string SkipMessage = "install nginx (apt-get install -y nginx) to run the tiled-log HTTP tests";

    private readonly Process _process;
    private readonly DirectoryInfo _prefix = Directory.CreateTempSubdirectory("openverify-nginx-");

    private Nginx(string root)
    {
        Port = FreePort();
        var p = _prefix.FullName;
        Directory.CreateDirectory(Path.Combine(p, "tmp"));
        File.WriteAllText(Path.Combine(p, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{p}}/nginx.pid;
            error_log {{p}}/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{p}}/tmp/body;
                proxy_temp_path {{p}}/tmp/proxy;
                fastcgi_temp_path {{p}}/tmp/fastcgi;
                uwsgi_temp_path {{p}}/tmp/uwsgi;
                scgi_temp_path {{p}}/tmp/scgi;
                default_type application/octet-stream;
                gzip on;
                gzip_types application/octet-stream;
                server {
                    listen 127.0.0.1:{{Port}};
                    root {{root}};
                    location ~ /checkpoint$ {
                        default_type "text/plain; charset=utf-8";
                        add_header Cache-Control "no-store";
                    }
                    location /tile/ {
                        add_header Cache-Control "public, max-age=31536000, immutable";
                    }
                }
            }
            """);
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-p", p, "-c", Path.Combine(p, "nginx.conf"), "-e", Path.Combine(p, "error.log") })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        WaitUntilListening();
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    /// <summary>Starts nginx serving <paramref name="root"/>; skips (fails under OPENVERIFY_CI=1) without nginx.</summary>
    public static Nginx Serve(string root)
    {
        if (!File.Exists(Binary))
        {
            if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
            {
                Assert.Fail($"OPENVERIFY_CI=1 and nginx is missing: {SkipMessage}");
            }

            Skip.If(true, SkipMessage);
        }

        return new Nginx(root);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited ({_process.ExitCode}): {_process.StandardError.ReadToEnd()} {ErrorLog()}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException("nginx did not listen within 10 seconds: " + ErrorLog());
    }

    private string ErrorLog()
    {
        var log = Path.Combine(_prefix.FullName, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        finally
        {
            _process.Dispose();
            _prefix.Delete(recursive: true);
        }
    }
}
