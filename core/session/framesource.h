#pragma once

#include <QByteArray>
#include <QObject>
#include <QStringList>

namespace polymon {

// Where a MarketMonitor's frames come from: the live feed (Polymarket or a
// simulator over its WebSocket) or a recording played back. Everything
// downstream of the wire is the same whatever feeds it (design.md).
class FrameSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~FrameSource() override = default;

    virtual void subscribe(const QStringList &assetIds) = 0;
    virtual void unsubscribe(const QStringList &assetIds) = 0;
    // Asks for a fresh `book` of the asset. A recording cannot: false, and the
    // book waits for the next one the recording holds.
    virtual bool requestBook(const QString &assetId) = 0;
    virtual void stop() = 0;
    // The live exchange (true) or a recording (false).
    virtual bool isLive() const = 0;

Q_SIGNALS:
    // One frame as received; receivedNs on the steady clock (steadyNowNs()).
    // A player's frame points into its mapped file: valid during the call
    // (receivers are in the source's thread); copy it to keep it.
    void frameReceived(int connectionId, const QByteArray &frame, qint64 receivedNs);
    // The assets' books can no longer be trusted (a link was lost).
    void assetsInvalidated(int connectionId, const QStringList &assetIds);
    // Every book at a moment of a recording (a seek): replaces the books.
    void checkpointReached(const QByteArray &payload);
};

} // namespace polymon
