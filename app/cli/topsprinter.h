#pragma once

#include "book/booklistener.h"

#include <string>

namespace polymon::cli {

// `--emit tops`: one line per top (TopsLine) to stdout, written in 64 KiB
// blocks.
class TopsPrinter final : public BookListener
{
public:
    void onTop(const AssetBook &asset, std::int64_t timestampMs) override;
    void flush();

private:
    std::string m_out;
};

} // namespace polymon::cli
