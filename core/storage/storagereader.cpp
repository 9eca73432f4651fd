#include "storagereader.h"

namespace polymon {

StorageReader::StorageReader(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("polymon-reader"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

StorageReader::~StorageReader()
{
    m_thread.quit();
    m_thread.wait();
}

} // namespace polymon
