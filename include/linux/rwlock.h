/* linux/rwlock.h — reader-writer spinlocks: not yet provided by ark's Linux compatibility layer. */
#error "<linux/rwlock.h>: reader-writer spinlocks not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
