/* got_asm.c — calls the GOT-relative assembly of got_asm.S (assembled by GNU as) from C, in ARM
 * and Thumb, with the data it reads defined here. */
#include <stdio.h>

int shared_value = 37;
int got_sum_arm(void);
int got_sum_thumb(void);

int main(void)
{
    printf("arm %d thumb %d\n", got_sum_arm(), got_sum_thumb());
    shared_value = 100;
    printf("arm %d thumb %d\n", got_sum_arm(), got_sum_thumb());
    return got_sum_arm() == 105 && got_sum_thumb() == 105 ? 0 : 1;
}
