#include "keychainsecret.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>

namespace polymon::KeychainSecret {

namespace {

const QString kService = QStringLiteral("polymon");
constexpr int kTimeoutMs = 60'000; // the keychain may be waiting for the user to unlock it

// Runs a job to its end in a local event loop; false with its reason.
bool run(QKeychain::Job &job, QString &error)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false); // never plain text in a settings file
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    if (!finished) {
        error = QStringLiteral("the system keychain did not answer within %1 s").arg(kTimeoutMs / 1000);
        return false;
    }
    if (job.error() != QKeychain::NoError) {
        error = job.errorString().isEmpty() ? QStringLiteral("the system keychain refused (error %1)").arg(int(job.error()))
                                            : job.errorString();
        return false;
    }
    return true;
}

} // namespace

bool write(const QString &name, const QByteArray &secret, QString &error)
{
    QKeychain::WritePasswordJob job(kService);
    job.setKey(name);
    job.setBinaryData(secret);
    return run(job, error);
}

bool read(const QString &name, QByteArray &secret, QString &error)
{
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(name);
    if (!run(job, error))
        return false;
    secret = job.binaryData();
    return true;
}

bool remove(const QString &name, QString &error)
{
    QKeychain::DeletePasswordJob job(kService);
    job.setKey(name);
    return run(job, error);
}

} // namespace polymon::KeychainSecret
