// Linux APIs that `import Glibc` leaves out (epoll, eventfd, signalfd, accept4).
// Do not define _GNU_SOURCE here: it turns sockaddr* parameters into a transparent union.
#include <sys/socket.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
extern int accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags);
