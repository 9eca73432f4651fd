#pragma once

#include "signal.h"

namespace polymon {

// Receives signals as they fire and again when their outcome is known.
class SignalListener
{
public:
    virtual ~SignalListener() = default;
    virtual void onSignal(const Signal &) {}
    virtual void onOutcome(const Signal &) {}
};

} // namespace polymon
