#ifndef VCON_CLIBPQ_SHIM_H
#define VCON_CLIBPQ_SHIM_H
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

// PG_DIAG_SQLSTATE is a macro Swift cannot import as a constant.
static inline char *vcon_pq_sqlstate(const PGresult *res) {
    return PQresultErrorField(res, 'C');
}
#endif
