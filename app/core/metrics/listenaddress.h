#pragma once

#include "core/error.h"

#include <QHostAddress>
#include <QString>

namespace taskdesk {

// Where `taskdeskctl supervise --listen` (or the metrics.listen setting)
// serves metrics and health: an IP address and a port. A bare port means
// loopback (127.0.0.1); any other address only when written out, so that
// nothing is served beyond the host by accident. Host names are refused but
// for "localhost": a name that resolves elsewhere later would move the server.
struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0; // 0: a free port chosen at bind time

    // "9464", "127.0.0.1:9464", "0.0.0.0:9464", "[::1]:9464", "[::]:9464",
    // "localhost:9464"; Error::invalid with what was expected otherwise.
    static Result<ListenAddress> parse(const QString &text);
    // The setting's validator: empty (off) or what parse() takes.
    static Error check(const QString &text);

    // "127.0.0.1:9464", "[::1]:9464".
    QString display() const;
};

} // namespace taskdesk
