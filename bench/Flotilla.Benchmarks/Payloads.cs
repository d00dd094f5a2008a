using System.Text;

namespace Flotilla.Benchmarks;

/// <summary>Realistic values: JSON documents shaped like ConfigMaps, padded to a target size.</summary>
public static class Payloads
{
    public static byte[] ConfigMap(string ns, string name, int targetBytes)
    {
        var head = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns
            + "\",\"uid\":\"" + Guid.NewGuid() + "\",\"labels\":{\"app\":\"bench\",\"tier\":\"storage\"}},\"data\":{\"payload\":\"";
        var tail = "\"}}";
        var pad = Math.Max(0, targetBytes - head.Length - tail.Length);
        var builder = new StringBuilder(head.Length + pad + tail.Length);
        builder.Append(head);
        for (var i = 0; i < pad; i++)
        {
            builder.Append((char)('a' + (i % 26)));
        }

        builder.Append(tail);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public static string Key(int i) => $"/registry/configmaps/ns{i % 20}/cm-{i:D7}";
}
