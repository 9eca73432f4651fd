#pragma once

#include <QObject>

class QSocketNotifier;

namespace polymon {

// SIGINT and SIGTERM end the event loop cleanly. The handler only writes a
// byte to a socket pair (async-signal-safe); a QSocketNotifier reads it in
// the event loop and quits there (the self-pipe trick), instead of calling
// into Qt from a signal handler.
class QuitOnSignal final : public QObject
{
    Q_OBJECT
public:
    explicit QuitOnSignal(QObject *parent = nullptr);
    ~QuitOnSignal() override;

private:
    static void handle(int signal);
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace polymon
