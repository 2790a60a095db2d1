/* linux/rwsem.h — reader-writer semaphores: not yet provided by ark's Linux compatibility layer. */
#error "<linux/rwsem.h>: reader-writer semaphores not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
