// listen_socket.h — the socket options of every listening socket Slotwise opens (the server, the demo ATS, the
// provider sandbox): SO_REUSEADDR only, so a restarted server can bind at once while old connections sit in TIME_WAIT.
// Never SO_REUSEPORT, which cpp-httplib sets by default: with it a second server started on a port already in use
// binds without error and the kernel splits the connections between the two (two databases, keys and tokens sent to a
// stale process). Without it the second bind fails with "address already in use".
#pragma once

namespace slotwise::net {

// Pass to httplib::Server::set_socket_options. `socket` is the listening socket before bind().
void ExclusiveListenOptions(int socket);

}  // namespace slotwise::net
