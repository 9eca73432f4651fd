#pragma once

class QWidget;

namespace polymon {

class TradingController;

// The trading docks' contents: working and recent orders (cancel),
// positions (stop-loss, flatten) and fills, each a table over the
// controller's models with the actions a trader needs beside it.
namespace TradingPanes {
QWidget *orders(TradingController *controller, QWidget *parent);
QWidget *positions(TradingController *controller, QWidget *parent);
QWidget *fills(TradingController *controller, QWidget *parent);
} // namespace TradingPanes

} // namespace polymon
