#pragma once

#include <string>
#include <utility>
#include <vector>

namespace polymon {

// One option parser for every polymon-cli command: each command declares its
// options once (a flag, or an option with a value), and reads them back by
// name. Occurrences keep their order (SETTINGS apply in order); an unknown
// option, a missing value or a stray argument is an error to print with the
// usage (exit 2).
class CliArgs final
{
public:
    struct Option
    {
        const char *name; // "--db"
        bool takesValue;
    };

    CliArgs(std::vector<Option> options, std::size_t maxPositional);

    bool parse(const std::vector<std::string> &args, std::string &error);

    bool has(const std::string &name) const;
    // The last value given, or `fallback`.
    std::string value(const std::string &name, const std::string &fallback = {}) const;
    std::vector<std::string> values(const std::string &name) const;
    // Every option given, in order, with its value ("" for flags).
    const std::vector<std::pair<std::string, std::string>> &given() const noexcept { return m_given; }
    const std::vector<std::string> &positional() const noexcept { return m_positional; }
    // The option's number when given and within [min, max]; false when it is
    // given but is not such a number. `out` keeps its default otherwise.
    bool number(const std::string &name, double min, double max, double &out) const;

private:
    const Option *find(const std::string &name) const;

    std::vector<Option> m_options;
    std::size_t m_maxPositional;
    std::vector<std::pair<std::string, std::string>> m_given;
    std::vector<std::string> m_positional;
};

} // namespace polymon
