#ifndef VCON_CHIREDIS_SHIM_H
#define VCON_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>

// redisContext.errstr is a fixed char array that imports as a 128-element tuple.
static inline const char *vcon_redis_errstr(const redisContext *c) {
    return c->errstr;
}
static inline int vcon_redis_err(const redisContext *c) {
    return c->err;
}
static inline int vcon_redis_fd(const redisContext *c) {
    return c->fd;
}
#endif
