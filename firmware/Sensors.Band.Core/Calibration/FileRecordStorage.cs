using System.IO;

namespace Sensors.Band.Calibration
{
    /// <summary>
    /// <see cref="IRecordStorage"/> on files in one directory, using only APIs nanoFramework's System.IO.FileSystem
    /// also has (File.Exists/Delete/Move, FileStream Read/Write/Flush): on the band the directory is the internal
    /// flash drive "I:\", on a host any directory (tests use a temporary one).
    /// </summary>
    public sealed class FileRecordStorage : IRecordStorage
    {
        private readonly string _directory;

        /// <summary>Stores blobs as files in <paramref name="directory"/> (which must exist).</summary>
        public FileRecordStorage(string directory)
        {
            _directory = directory;
        }

        /// <inheritdoc />
        public bool Exists(string name)
        {
            return File.Exists(PathOf(name));
        }

        /// <inheritdoc />
        public int Read(string name, byte[] buffer, int offset, int count)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return -1;
            }

            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                int total = 0;
                while (total < count)
                {
                    int n = stream.Read(buffer, offset + total, count - total);
                    if (n <= 0)
                    {
                        break;
                    }

                    total += n;
                }

                return total;
            }
        }

        /// <inheritdoc />
        public void Write(string name, byte[] buffer, int offset, int count)
        {
            using (FileStream stream = new FileStream(PathOf(name), FileMode.Create, FileAccess.Write))
            {
                stream.Write(buffer, offset, count);
                stream.Flush();
            }
        }

        /// <inheritdoc />
        public void Rename(string from, string to)
        {
            File.Move(PathOf(from), PathOf(to));
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            string path = PathOf(name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        private string PathOf(string name)
        {
            return Path.Combine(_directory, name);
        }
    }
}
