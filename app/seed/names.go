package seed

import "math/rand/v2"

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	given    = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红文婷雪琳晨宇浩然思怡子涵梓萱")
	cities   = []string{"上海", "北京", "杭州", "南京", "苏州", "深圳", "广州", "成都", "武汉", "西安"}
)

// personName draws a Chinese name of two or three characters.
func personName(r *rand.Rand) string {
	n := []rune{surnames[r.IntN(len(surnames))], given[r.IntN(len(given))]}
	if chance(r, 0.6) {
		n = append(n, given[r.IntN(len(given))])
	}
	return string(n)
}
