/* sample.c — the valid module every malformed-input test starts from. It has one of each thing the
 * validator looks at: text with calls and GOT references, data holding pointers, merged strings,
 * bss, a COMMON symbol, a constructor, .modinfo, a parameter, an export and an import. */
#include "ark/module.h"

MODULE_NAME("sample");
MODULE_VERSION("1.2");
MODULE_LICENSE("MIT");

#ifndef SAMPLE_STANDALONE
extern int host_log(const char *msg, int value);   /* provided by the test's export table */
#else
static int host_log(const char *msg, int value) { return msg[0] + value; }
#endif

int sample_common_counter __attribute__((common));  /* a COMMON symbol in the object */
static int sample_bss[64];
int sample_level = 3;
module_param(sample_level, int, "verbosity");

static const char *const sample_messages[] = { "first message", "second message", "third" };
const char *const *sample_cursor = &sample_messages[1];

static int sample_ctor_ran;
__attribute__((constructor)) static void sample_ctor(void)
{
    sample_ctor_ran = 1;
}

int sample_api(int x)
{
    sample_bss[x & 63] += x;
    return sample_bss[x & 63] + sample_common_counter++;
}
EXPORT_SYMBOL(sample_api);

int module_init(void)
{
    for (int i = 0; i < 3; i++)
        host_log(sample_messages[i], sample_level + i);
    return sample_ctor_ran ? sample_api(**sample_cursor) * 0 : -1;
}

void module_exit(void)
{
    host_log("bye", 0);
}
