/* linux/mutex.h — mutexes (sleeping locks): not yet provided by ark's Linux compatibility layer. */
#error "<linux/mutex.h>: mutexes (sleeping locks) not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
