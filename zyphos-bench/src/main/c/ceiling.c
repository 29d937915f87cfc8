/*
 * ceiling: the least an HTTP/1.1 server can do for the load harness's /plaintext and /json, as a
 * ceiling no real server can pass on the same core and kernel. One thread, one level-triggered
 * epoll loop; it reads, counts request heads by their terminating "\r\n\r\n" (RFC 9112 §2.1: a
 * head ends with an empty line), and answers each with canned bytes: the same status line,
 * header fields and body the Zyphos demo sends for that path. Nothing else is parsed. All the
 * answers to the heads of one read leave in one write, so a pipelined batch of N requests costs
 * one read and one write, and every connection is kept alive.
 *
 * It answers GET /plaintext and GET /json and 404 for anything else. A request with a body is not
 * understood (the body would be read as the next head), which is why the harness runs it only on
 * those two endpoints.
 *
 * Usage: ceiling [--host IPV4] [--port PORT]   (127.0.0.1 and 8080 by default; 0 picks a free port)
 * Once bound it prints "ceiling: HTTP/1.1 server listening on HOST:PORT (...)" and stops on SIGTERM
 * or SIGINT. Built by the load harness with the system C compiler: cc -O2 -o ceiling ceiling.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The longest request head taken; a connection whose head does not fit is closed. */
#define HEAD_CAPACITY (64 * 1024)
#define EVENTS 256
/* RFC 9110 §5.6.7 IMF-fixdate, always 29 characters: "Thu, 03 Dec 2026 08:28:20 GMT". */
#define DATE_LENGTH 29

struct connection {
    int fd;
    size_t in_length;
    /* Where the search for the next head's end resumes: bytes before it hold no "\r\n\r\n". */
    size_t scanned;
    char *out;
    size_t out_length;
    size_t out_sent;
    size_t out_capacity;
    char in[HEAD_CAPACITY];
};

/* A canned answer with the date at a fixed offset, rewritten once a second. */
struct answer {
    char *bytes;
    size_t length;
    size_t date_offset;
};

static volatile sig_atomic_t stopping;
static struct answer plaintext;
static struct answer json;
static struct answer not_found;
static time_t date_second = -1;

static void on_signal(int signal) {
    (void) signal;
    stopping = 1;
}

/* The demo's header fields, in the demo's order: content-type, date, content-length. */
static struct answer make_answer(const char *status, const char *type, const char *body) {
    char head[256];
    const char *date_placeholder = "Thu, 01 Jan 1970 00:00:00 GMT";
    int prefix;
    if (type != NULL) {
        prefix = snprintf(head, sizeof head, "HTTP/1.1 %s\r\ncontent-type: %s\r\ndate: ", status, type);
    } else {
        prefix = snprintf(head, sizeof head, "HTTP/1.1 %s\r\ndate: ", status);
    }
    int length = snprintf(head + prefix, sizeof head - prefix, "%s\r\ncontent-length: %zu\r\n\r\n%s",
            date_placeholder, strlen(body), body);
    struct answer a = {malloc((size_t) (prefix + length)), (size_t) (prefix + length), (size_t) prefix};
    memcpy(a.bytes, head, a.length);
    return a;
}

/* RFC 9110 §6.6.1: an origin server with a clock sends Date; formatted once a second, as the demo does. */
static void refresh_date(void) {
    time_t now = time(NULL);
    if (now == date_second) {
        return;
    }
    date_second = now;
    struct tm tm;
    gmtime_r(&now, &tm);
    char date[DATE_LENGTH + 1];
    /* The program never calls setlocale, so %a and %b are the C locale's English names. */
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    memcpy(plaintext.bytes + plaintext.date_offset, date, DATE_LENGTH);
    memcpy(json.bytes + json.date_offset, date, DATE_LENGTH);
    memcpy(not_found.bytes + not_found.date_offset, date, DATE_LENGTH);
}

/* The answer for a head: by its request line alone, "GET /plaintext" or "GET /json" then a space or '?'. */
static const struct answer *answer_for(const char *head, size_t length) {
    static const char get_plaintext[] = "GET /plaintext";
    static const char get_json[] = "GET /json";
    size_t p = sizeof get_plaintext - 1;
    size_t j = sizeof get_json - 1;
    if (length > p && memcmp(head, get_plaintext, p) == 0 && (head[p] == ' ' || head[p] == '?')) {
        return &plaintext;
    }
    if (length > j && memcmp(head, get_json, j) == 0 && (head[j] == ' ' || head[j] == '?')) {
        return &json;
    }
    return &not_found;
}

static int append(struct connection *c, const struct answer *a) {
    if (c->out_length + a->length > c->out_capacity) {
        size_t capacity = c->out_capacity == 0 ? 16 * 1024 : c->out_capacity;
        while (capacity < c->out_length + a->length) {
            capacity *= 2;
        }
        char *grown = realloc(c->out, capacity);
        if (grown == NULL) {
            return -1;
        }
        c->out = grown;
        c->out_capacity = capacity;
    }
    memcpy(c->out + c->out_length, a->bytes, a->length);
    c->out_length += a->length;
    return 0;
}

static void close_connection(int epoll, struct connection *c) {
    epoll_ctl(epoll, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->out);
    free(c);
}

/* Writes what is pending; returns -1 on a dead connection, 0 when all went, 1 when some waits for EPOLLOUT. */
static int flush_out(int epoll, struct connection *c) {
    while (c->out_sent < c->out_length) {
        ssize_t n = write(c->fd, c->out + c->out_sent, c->out_length - c->out_sent);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN) {
                /* Stop reading until the client takes what it has asked for (backpressure). */
                struct epoll_event ev = {.events = EPOLLOUT, .data.ptr = c};
                return epoll_ctl(epoll, EPOLL_CTL_MOD, c->fd, &ev) == 0 ? 1 : -1;
            }
            return -1;
        }
        c->out_sent += (size_t) n;
    }
    c->out_length = 0;
    c->out_sent = 0;
    return 0;
}

/* One read, every whole head in it answered, all the answers in one write. Returns -1 to close. */
static int on_readable(int epoll, struct connection *c) {
    ssize_t n = read(c->fd, c->in + c->in_length, HEAD_CAPACITY - c->in_length);
    if (n == 0) {
        return -1;
    }
    if (n < 0) {
        return errno == EAGAIN || errno == EINTR ? 0 : -1;
    }
    c->in_length += (size_t) n;
    size_t start = 0;
    size_t i = c->scanned;
    while (c->in_length >= 4 && i + 4 <= c->in_length) {
        char *end = memmem(c->in + i, c->in_length - i, "\r\n\r\n", 4);
        if (end == NULL) {
            break;
        }
        size_t head_end = (size_t) (end - c->in) + 4;
        if (append(c, answer_for(c->in + start, head_end - start)) != 0) {
            return -1;
        }
        start = head_end;
        i = head_end;
    }
    /* Keep the unfinished head; resume the search three bytes back, where a split "\r\n\r\n" may start. */
    c->in_length -= start;
    memmove(c->in, c->in + start, c->in_length);
    c->scanned = c->in_length >= 3 ? c->in_length - 3 : 0;
    if (c->in_length == HEAD_CAPACITY) {
        return -1;
    }
    return c->out_length > 0 && flush_out(epoll, c) < 0 ? -1 : 0;
}

static int on_writable(int epoll, struct connection *c) {
    int left = flush_out(epoll, c);
    if (left != 0) {
        return left < 0 ? -1 : 0;
    }
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
    return epoll_ctl(epoll, EPOLL_CTL_MOD, c->fd, &ev);
}

static void accept_all(int epoll, int listener) {
    for (;;) {
        int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            return;
        }
        int one = 1;
        /* As every server in the harness: answers leave at once, not after the client's delayed ACK. */
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct connection *c = calloc(1, sizeof *c);
        if (c == NULL) {
            close(fd);
            continue;
        }
        c->fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        if (epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &ev) != 0) {
            close(fd);
            free(c);
        }
    }
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    int port = 8080;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--host") == 0 && i + 1 < argc) {
            host = argv[++i];
        } else if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
            port = atoi(argv[++i]);
        } else {
            fprintf(stderr, "ceiling: unknown argument %s\nusage: ceiling [--host IPV4] [--port PORT]\n", argv[i]);
            return 2;
        }
    }
    plaintext = make_answer("200 OK", "text/plain", "Hello, World!");
    json = make_answer("200 OK", "application/json", "{\"message\":\"Hello, World!\"}");
    not_found = make_answer("404 Not Found", NULL, "");
    refresh_date();

    struct sigaction stop = {.sa_handler = on_signal};
    sigaction(SIGTERM, &stop, NULL);
    sigaction(SIGINT, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    if (listener < 0 || inet_pton(AF_INET, host, &address.sin_addr) != 1
            || bind(listener, (struct sockaddr *) &address, sizeof address) != 0 || listen(listener, 1024) != 0) {
        fprintf(stderr, "ceiling: cannot listen on %s:%d: %s\n", host, port, strerror(errno));
        return 1;
    }
    socklen_t length = sizeof address;
    getsockname(listener, (struct sockaddr *) &address, &length);
    int epoll = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &ev);
    printf("ceiling: HTTP/1.1 server listening on %s:%d (C, one thread, level-triggered epoll, canned answers)\n",
            host, ntohs(address.sin_port));
    fflush(stdout);

    struct epoll_event events[EVENTS];
    while (!stopping) {
        int ready = epoll_wait(epoll, events, EVENTS, -1);
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("ceiling: epoll_wait");
            return 1;
        }
        refresh_date();
        for (int i = 0; i < ready; i++) {
            struct connection *c = events[i].data.ptr;
            if (c == NULL) {
                accept_all(epoll, listener);
                continue;
            }
            int result = (events[i].events & EPOLLOUT) ? on_writable(epoll, c) : on_readable(epoll, c);
            /* A hang-up or error shows as a read of 0 or -1, which closes the connection. */
            if (result < 0) {
                close_connection(epoll, c);
            }
        }
    }
    printf("ceiling: stopped\n");
    return 0;
}
