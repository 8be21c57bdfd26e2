// listen_socket.cpp — see listen_socket.h.
#include "net/listen_socket.h"

#include <sys/socket.h>

namespace slotwise::net {

void ExclusiveListenOptions(int socket) {
  int yes = 1;
  ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

}  // namespace slotwise::net
