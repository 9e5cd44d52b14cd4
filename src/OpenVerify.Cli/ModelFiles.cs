namespace OpenVerify.Cli;

/// <summary>Hashes model files, with a progress bar on a terminal for large ones.</summary>
internal static class ModelFiles
{
    /// <summary>Files smaller than this hash too fast for a progress bar to help.</summary>
    private const long ProgressThreshold = 64L << 20;

    /// <summary>The SHA-256 of the file's bytes, as the runtime computes it (equal to <c>sha256sum</c>).</summary>
    public static Sha256Digest Digest(CliConsole console, string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var length = stream.Length;
        return console.WithProgress($"Hashing {Path.GetFileName(path)}", length >= ProgressThreshold ? length : 0, progress =>
        {
            if (progress is null)
            {
                return Sha256Digest.Compute(stream);
            }

            using var counting = new ProgressStream(stream, progress);
            return Sha256Digest.Compute(counting);
        });
    }

    /// <summary>A read-only pass-through stream that reports how many bytes have been read.</summary>
    private sealed class ProgressStream(Stream inner, IProgress<long> progress) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            progress.Report(_read);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
