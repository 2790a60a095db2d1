/* two_file.h — what main.c uses from util.c. */
#ifndef TWO_FILE_H
#define TWO_FILE_H

#include "ark/types.h"

int two_file_sum(int n);
uint64_t two_file_scale(uint64_t value, uint32_t factor);

#endif
