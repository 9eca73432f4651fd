#include "feeschedule.h"

#include "util/int128.h"

namespace polymon {

Fixed FeeSchedule::takerFee(Fixed shares, Fixed price) const noexcept
{
    if (shares <= 0 || rate <= 0 || price <= 0 || price >= kFixedScale || !valid())
        return 0;
    // p in ten-thousandths keeps p(1-p) squared, the rate and the shares
    // within 128 bits: at most 1e4^4 * 1e6 * 1e18, about 1e40 / 16.
    const UInt128 p4 = UInt128((price + 50) / 100);
    const UInt128 q = p4 * (10'000 - p4); // p(1-p), scale 1e-8
    UInt128 n = UInt128(shares) * UInt128(rate); // scale 1e-12
    UInt128 den = 1'000'000;                     // to micro-USDC
    for (int i = 0; i < exponent; ++i) {
        n *= q;
        den *= 100'000'000;
    }
    return Fixed((n + den - 1) / den);
}

} // namespace polymon
