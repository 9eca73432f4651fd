#include "mappedfile.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace polymon {

MappedFile::~MappedFile()
{
    close();
}

void MappedFile::close() noexcept
{
    if (m_map)
        ::munmap(m_map, m_mapLength);
    m_map = nullptr;
    m_mapLength = 0;
    m_text.clear();
    m_data = nullptr;
    m_size = m_readable = 0;
}

bool MappedFile::open(const std::string &path, std::size_t padding, std::string &error)
{
    close();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open " + path;
        return false;
    }
    struct stat st = {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        const std::size_t size = std::size_t(st.st_size);
        const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
        const std::size_t mapped = (size + page - 1) / page * page;
        void *map = ::mmap(nullptr, mapped, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (map != MAP_FAILED) {
            ::madvise(map, mapped, MADV_SEQUENTIAL);
            ::close(fd);
            m_map = map;
            m_mapLength = mapped;
            m_data = static_cast<const char *>(map);
            m_size = size;
            m_readable = mapped; // the last page reads as zeros past the end
            return true;
        }
    }
    // Not mappable: read it all.
    std::string text;
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            ::close(fd);
            error = "cannot read " + path + ": " + std::strerror(errno);
            return false;
        }
        if (n == 0)
            break;
        text.append(buf, std::size_t(n));
    }
    ::close(fd);
    assign(text, padding);
    return true;
}

void MappedFile::assign(std::string_view text, std::size_t padding)
{
    close();
    m_text.assign(text.size() + padding, '\0');
    std::memcpy(m_text.data(), text.data(), text.size());
    m_data = m_text.data();
    m_size = text.size();
    m_readable = m_text.size();
}

} // namespace polymon
