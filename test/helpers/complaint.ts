/** The three messages that bring a fresh web conversation to the complaint summary. */
export const TO_SUMMARY = ['我买的吹风机坏了，订单号 4402317789012345678，想退货', '有照片', '跳过'];
