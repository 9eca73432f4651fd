// The floor for replay throughput: a bare simdjson On-Demand pass over a
// JSONL stream, as a whole process, touching every field of every event and
// counting the price_change entries. Nothing else: no books, no fixed point,
// no listeners. The file is mapped as `polymon-cli replay` maps it, so the
// two differ only in what they do with the bytes; `polymon-cli replay FILE
// --emit none` is compared with it in BENCHMARKS.md. With --read the file is
// loaded the way simdjson's own examples do (padded_string::load: one
// allocation, one read), as a second, I/O-bound reference.
// Usage: bench_floor [--read] FILE.jsonl
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string>
#include <string_view>

namespace od = simdjson::ondemand;

namespace {

std::size_t g_bytes = 0; // string bytes touched, so nothing is optimised away

simdjson::error_code walk(od::value value, bool inChanges, std::uint64_t &entries);

simdjson::error_code walkObject(od::object object, bool isEntry, std::uint64_t &entries)
{
    if (isEntry)
        ++entries;
    for (auto field : object) {
        od::raw_json_string key;
        if (auto e = field.key().get(key))
            return e;
        ++g_bytes;
        if (auto e = walk(field.value(), key == "price_changes", entries))
            return e;
    }
    return simdjson::SUCCESS;
}

simdjson::error_code walk(od::value value, bool inChanges, std::uint64_t &entries)
{
    od::json_type type;
    if (auto e = value.type().get(type))
        return e;
    switch (type) {
    case od::json_type::object: {
        od::object object;
        if (auto e = value.get_object().get(object))
            return e;
        return walkObject(object, false, entries);
    }
    case od::json_type::array: {
        od::array array;
        if (auto e = value.get_array().get(array))
            return e;
        for (auto element : array) {
            od::value v;
            if (auto e = element.get(v))
                return e;
            if (inChanges) {
                od::object object;
                if (auto e = v.get_object().get(object))
                    return e;
                if (auto e = walkObject(object, true, entries))
                    return e;
            } else if (auto e = walk(v, false, entries)) {
                return e;
            }
        }
        return simdjson::SUCCESS;
    }
    case od::json_type::string: {
        std::string_view s;
        if (auto e = value.get_string().get(s))
            return e;
        g_bytes += s.size();
        return simdjson::SUCCESS;
    }
    default: {
        std::string_view raw = value.raw_json_token();
        g_bytes += raw.size();
        return simdjson::SUCCESS;
    }
    }
}

} // namespace

int main(int argc, char **argv)
{
    const bool read = argc == 3 && std::strcmp(argv[1], "--read") == 0;
    if (argc != 2 && !read) {
        std::fprintf(stderr, "usage: bench_floor [--read] FILE.jsonl\n");
        return 2;
    }
    const char *path = argv[argc - 1];
    const auto start = std::chrono::steady_clock::now();
    simdjson::padded_string loaded;
    const char *text = nullptr;
    std::size_t size = 0, mapped = 0; // mapped: bytes readable from text
    if (read) {
        if (simdjson::padded_string::load(path).get(loaded)) {
            std::fprintf(stderr, "bench_floor: cannot read %s\n", path);
            return 1;
        }
        text = loaded.data();
        size = loaded.size();
        mapped = size + simdjson::SIMDJSON_PADDING;
    } else {
        const int fd = ::open(path, O_RDONLY);
        struct stat st = {};
        if (fd < 0 || ::fstat(fd, &st) != 0 || st.st_size <= 0) {
            std::fprintf(stderr, "bench_floor: cannot read %s\n", path);
            return 1;
        }
        size = std::size_t(st.st_size);
        const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
        mapped = (size + page - 1) / page * page;
        void *map = ::mmap(nullptr, mapped, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (map == MAP_FAILED) {
            std::fprintf(stderr, "bench_floor: cannot map %s\n", path);
            return 1;
        }
        text = static_cast<const char *>(map);
    }
    od::parser parser;
    std::uint64_t entries = 0, frames = 0, errors = 0;
    std::size_t pos = 0;
    while (pos < size) {
        const char *nl = static_cast<const char *>(std::memchr(text + pos, '\n', size - pos));
        const std::size_t end = nl ? std::size_t(nl - text) : size;
        if (end > pos) {
            ++frames;
            od::document doc;
            // The padding after each line is the next lines' bytes; the last
            // lines, too close to the end of the mapping, are copied.
            simdjson::padded_string tail;
            const bool inPlace = end + simdjson::SIMDJSON_PADDING <= mapped;
            if (!inPlace)
                tail = simdjson::padded_string(text + pos, end - pos);
            const simdjson::error_code error = inPlace ? parser.iterate(text + pos, end - pos, mapped - pos).get(doc)
                                                       : parser.iterate(tail).get(doc);
            if (error) {
                ++errors;
            } else {
                od::value root;
                if (doc.get_value().get(root) || walk(root, false, entries))
                    ++errors;
            }
        }
        pos = end + 1;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("floor: frames=%llu entries=%llu errors=%llu seconds=%.3f entries_per_s=%.0f bytes=%zu\n",
                static_cast<unsigned long long>(frames), static_cast<unsigned long long>(entries),
                static_cast<unsigned long long>(errors), seconds, double(entries) / seconds, g_bytes);
    return errors ? 1 : 0;
}
