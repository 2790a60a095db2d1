/* rename.h — force-included when user/lib and shell sources are compiled for the host unit tests:
 * gives the user library's functions names of their own so they do not collide with the host
 * C library that cmocka needs. The host headers come first, with their real names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define vsnprintf   ul_vsnprintf
#define snprintf    ul_snprintf
#define vdprintf    ul_vdprintf
#define dprintf     ul_dprintf
#define printf      ul_printf
#define eprintf     ul_eprintf
#define write_all   ul_write_all
#define puts_fd     ul_puts_fd
#define write       ul_write
#define strerror    ul_strerror
#define errno_name  ul_errno_name
#define parse_u32   ul_parse_u32
#define parse_i32   ul_parse_i32
#define usage_error ul_usage_error
