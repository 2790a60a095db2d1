/* errtext.c — names and messages of errno values (ark/errno.h, the same numbers as Linux), shared
 * by the kernel ("init failed: -19 (No such device)") and user programs (strerror). */
#include "ark/arklib.h"
#include "ark/errno.h"

struct errinfo {
    int num;
    const char *name;
    const char *message;
};

static const struct errinfo errors[] = {
    { EPERM, "EPERM", "Operation not permitted" },
    { ENOENT, "ENOENT", "No such file or directory" },
    { ESRCH, "ESRCH", "No such process" },
    { EINTR, "EINTR", "Interrupted system call" },
    { EIO, "EIO", "Input/output error" },
    { ENXIO, "ENXIO", "No such device or address" },
    { E2BIG, "E2BIG", "Argument list too long" },
    { ENOEXEC, "ENOEXEC", "Exec format error" },
    { EBADF, "EBADF", "Bad file descriptor" },
    { ECHILD, "ECHILD", "No child processes" },
    { EAGAIN, "EAGAIN", "Resource temporarily unavailable" },
    { ENOMEM, "ENOMEM", "Cannot allocate memory" },
    { EACCES, "EACCES", "Permission denied" },
    { EFAULT, "EFAULT", "Bad address" },
    { EBUSY, "EBUSY", "Device or resource busy" },
    { EEXIST, "EEXIST", "File exists" },
    { ENODEV, "ENODEV", "No such device" },
    { ENOTDIR, "ENOTDIR", "Not a directory" },
    { EISDIR, "EISDIR", "Is a directory" },
    { EINVAL, "EINVAL", "Invalid argument" },
    { ENFILE, "ENFILE", "Too many open files in system" },
    { EMFILE, "EMFILE", "Too many open files" },
    { ENOTTY, "ENOTTY", "Inappropriate ioctl for device" },
    { EFBIG, "EFBIG", "File too large" },
    { ENOSPC, "ENOSPC", "No space left on device" },
    { ESPIPE, "ESPIPE", "Illegal seek" },
    { EROFS, "EROFS", "Read-only file system" },
    { ERANGE, "ERANGE", "Numerical result out of range" },
    { ENAMETOOLONG, "ENAMETOOLONG", "File name too long" },
    { ENOSYS, "ENOSYS", "Function not implemented" },
    { ENOTEMPTY, "ENOTEMPTY", "Directory not empty" },
    { ENODATA, "ENODATA", "No data available" },
    { EBADMSG, "EBADMSG", "Bad message" },
    { EOVERFLOW, "EOVERFLOW", "Value too large for defined data type" },
    { 26, "ETXTBSY", "Text file busy" },
    { 32, "EPIPE", "Broken pipe" },
    { 33, "EDOM", "Numerical argument out of domain" },
    { 35, "EDEADLK", "Resource deadlock avoided" },
    { 95, "EOPNOTSUPP", "Operation not supported" },
    { 110, "ETIMEDOUT", "Connection timed out" },
    { 125, "ECANCELED", "Operation canceled" },
    { 512, "ERESTARTSYS", "Interrupted system call (restart)" },
    { 524, "ENOTSUPP", "Operation not supported" },
};

static const struct errinfo *errtext_lookup(int err)
{
    if (err < 0)
        err = -err;
    for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
        if (errors[i].num == err)
            return &errors[i];
    return NULL;
}

const char *ark_strerror(int err)
{
    const struct errinfo *e = errtext_lookup(err);
    return e ? e->message : "Unknown error";
}

const char *ark_errno_name(int err)
{
    const struct errinfo *e = errtext_lookup(err);
    return e ? e->name : "E?";
}
