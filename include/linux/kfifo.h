/* linux/kfifo.h — kfifo (needs spinlocks): not yet provided by ark's Linux compatibility layer. */
#error "<linux/kfifo.h>: kfifo (needs spinlocks) not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
