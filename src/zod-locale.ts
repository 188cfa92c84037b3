/**
 * zod's own messages in Chinese (its zh-CN locale): a clerk or applicant who gives a wrong value
 * reads "无效选项：期望以下之一 …", never "Invalid option: expected one of …". Imported for its
 * side effect by every module that validates user input or data files.
 */
import * as z from 'zod';
// The one locale by its own path: `z.locales.zhCN` would bring all of zod's locales (~300 KB) into the build.
import zhCN from 'zod/v4/locales/zh-CN.js';

z.config(zhCN());
