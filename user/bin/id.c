/* id — prints the user id of the calling process ("uid=0(root)" or "uid=1000"), and its pid. */
#include "ulib.h"

int main(void)
{
    ark_uid_t uid = getuid();
    printf("uid=%d%s pid=%d\n", uid, uid == 0 ? "(root)" : "", getpid());
    return 0;
}
