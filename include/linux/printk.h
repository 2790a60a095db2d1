/* linux/printk.h — printk with KERN_* levels and the pr_* shorthands. printk is ark's own (the same
 * "\001N" level prefix); pr_debug prints only when DEBUG is defined, as without dynamic debug. */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <stdarg.h>
#include <linux/compiler.h>
#include <linux/ratelimit.h>

#define KERN_SOH     "\001"
#define KERN_SOH_ASCII '\001'
#define KERN_EMERG   KERN_SOH "0"
#define KERN_ALERT   KERN_SOH "1"
#define KERN_CRIT    KERN_SOH "2"
#define KERN_ERR     KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE  KERN_SOH "5"
#define KERN_INFO    KERN_SOH "6"
#define KERN_DEBUG   KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT    KERN_SOH "c"

#define LOGLEVEL_EMERG   0
#define LOGLEVEL_ALERT   1
#define LOGLEVEL_CRIT    2
#define LOGLEVEL_ERR     3
#define LOGLEVEL_WARNING 4
#define LOGLEVEL_NOTICE  5
#define LOGLEVEL_INFO    6
#define LOGLEVEL_DEBUG   7

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list args);
#define _printk printk

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

/* Checks the format like printk but prints nothing (pr_debug without DEBUG). */
static inline __printf(1, 2) int no_printk(const char *fmt, ...) { (void)fmt; return 0; }

#define pr_emerg(fmt, ...)   printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)   printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)    printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)     printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)    printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warning           pr_warn
#define pr_notice(fmt, ...)  printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)    printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)    printk(KERN_CONT fmt, ##__VA_ARGS__)
#ifdef DEBUG
#define pr_debug(fmt, ...)   printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_devel(fmt, ...)   printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_debug(fmt, ...)   no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_devel(fmt, ...)   no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif

#define printk_once(fmt, ...) ({ static bool __done; bool __first = !__done; \
                                 if (__first) { __done = true; printk(fmt, ##__VA_ARGS__); } __first; })
#define pr_emerg_once(fmt, ...)  printk_once(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_once(fmt, ...)    printk_once(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_once(fmt, ...)   printk_once(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_once(fmt, ...)   printk_once(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
/* At most DEFAULT_RATELIMIT_BURST (10) messages of each call site in DEFAULT_RATELIMIT_INTERVAL
 * (5 s); how many were held back is said when the next interval starts. */
#define printk_ratelimited(fmt, ...)                                                        \
    ({                                                                                      \
        static DEFINE_RATELIMIT_STATE(__rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST); \
        if (__ratelimit(&__rs))                                                             \
            printk(fmt, ##__VA_ARGS__);                                                     \
    })
#define pr_emerg_ratelimited(fmt, ...)  printk_ratelimited(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_ratelimited(fmt, ...)    printk_ratelimited(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...)   printk_ratelimited(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice_ratelimited(fmt, ...) printk_ratelimited(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_ratelimited(fmt, ...)   printk_ratelimited(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
/* The kernel-wide limit, for code that asks before printing. */
int ark_linux_printk_ratelimit(void);
#define printk_ratelimit() ark_linux_printk_ratelimit()

/* Prints who is running and the chain of calls that led here, each address with its symbol. */
void dump_stack(void);

#endif
