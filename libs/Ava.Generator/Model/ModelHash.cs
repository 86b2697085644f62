using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Ava.Generator.Model;

/// <summary>
/// The spec hash guest and worker compare at handshake: FNV-1a over a canonical text of the whole model (every
/// property of every record, recursively, by name), so any change to what the generator knows, including the protocol
/// version of a hand-written side ([Manual(Protocol = N)]), makes a guest and a worker built from different specs
/// refuse each other. New model fields are covered without anyone remembering to add them.
/// </summary>
internal static class ModelHash
{
    public static string Of(ApiModel model)
    {
        var text = new StringBuilder();
        Append(text, model with { SpecHash = "" });
        ulong hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text.ToString()))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append('~');
                return;
            case string s:
                // Length-prefixed: no two lists of strings read the same.
                text.Append(s.Length).Append(':').Append(s);
                return;
            case bool b:
                text.Append(b ? 'T' : 'F');
                return;
            case Enum e:
                text.Append(Convert.ToInt64(e, CultureInfo.InvariantCulture));
                return;
            case IFormattable number:
                text.Append(number.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Append(text, item);
                    text.Append(',');
                }

                text.Append(']');
                return;
        }

        var type = value.GetType();
        text.Append(type.Name).Append('{');
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0)
                     .OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(property.Name).Append('=');
            Append(text, property.GetValue(value));
            text.Append(';');
        }

        text.Append('}');
    }
}
