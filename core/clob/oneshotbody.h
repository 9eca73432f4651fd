#pragma once

#include <QByteArray>
#include <QIODevice>

namespace polymon {

// A request body that can be read once and never rewound. Qt's network
// stack quietly sends a request again when the connection drops before any
// answer; it cannot with this body (with DoNotBufferUploadDataAttribute),
// so a lost order submit fails instead of being placed twice.
class OneShotBody final : public QIODevice
{
public:
    explicit OneShotBody(const QByteArray &data, QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    bool reset() override { return false; } // never rewound, quietly
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_read = 0;
};

} // namespace polymon
