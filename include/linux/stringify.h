/* linux/stringify.h — __stringify(x): the text of a macro's expansion. */
#include <linux/compiler.h>
