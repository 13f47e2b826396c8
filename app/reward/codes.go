package reward

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/siyu-scrm/siyu/app"
)

// MaxImportCodes caps the codes of one import.
const MaxImportCodes = 100_000

// maxCode is the longest code (reward_codes.code).
const maxCode = 64

// ImportCodes adds the coupon codes of lines (one a line; blank lines
// ignored) to a coupon reward's pool and its stock. Every line not added
// is reported at once with its number and why — too long, spaces inside,
// a repeat of an earlier line, imported before — and the good lines are
// kept; the same file again adds nothing.
func (s *Service) ImportCodes(ctx context.Context, corpID, rewardID int64, lines io.Reader) (*app.CodeImport, error) {
	r, err := s.Store.FindReward(ctx, corpID, rewardID)
	if err != nil {
		return nil, err
	}
	if r.Kind != app.RewardCoupon {
		return nil, app.FieldInvalid("kind", "只有优惠券奖品可以导入券码")
	}
	out, codes, lineOf, err := parseCodes(lines)
	if err != nil {
		return nil, err
	}
	parsed := len(out.Skipped)
	err = s.Tx.InTx(ctx, func(ctx context.Context) error { // rerun on a deadlock: start from what parsing found
		out.Added, out.Skipped = 0, slices.Clip(out.Skipped[:parsed])
		fresh, err := s.fresh(ctx, r, codes, lineOf, out)
		if err != nil {
			return err
		}
		return s.addCodes(ctx, r, fresh, out)
	})
	slices.SortStableFunc(out.Skipped, func(a, b app.CodeLine) int { return a.Line - b.Line })
	return out, err
}

// parseCodes reads the lines, refusing bad ones and repeats in out, and
// returns the distinct good codes with the line each came from.
func parseCodes(lines io.Reader) (*app.CodeImport, []string, map[string]int, error) {
	out, lineOf, codes := &app.CodeImport{}, map[string]int{}, []string{}
	sc := bufio.NewScanner(lines)
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	for n := 1; sc.Scan(); n++ {
		code := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		switch first, seen := lineOf[code]; {
		case code == "":
		case len(code) > maxCode:
			out.Skipped = append(out.Skipped, app.CodeLine{Line: n, Code: app.Truncate(code, maxCode) + "…", Reason: "券码超过64个字符"})
		case strings.IndexFunc(code, func(c rune) bool { return unicode.IsSpace(c) || unicode.IsControl(c) }) >= 0:
			out.Skipped = append(out.Skipped, app.CodeLine{Line: n, Code: code, Reason: "券码不能包含空格或控制字符"})
		case seen:
			out.Skipped = append(out.Skipped, app.CodeLine{Line: n, Code: code, Reason: fmt.Sprintf("与第 %d 行重复", first)})
		default:
			lineOf[code] = n
			codes = append(codes, code)
		}
	}
	switch {
	case sc.Err() != nil:
		return nil, nil, nil, app.Wrap(app.EINVALID, sc.Err(), "无法读取券码：每行一个券码，单行不超过 64 KB")
	case len(codes) > MaxImportCodes:
		return nil, nil, nil, app.Errorf(app.EINVALID, "一次最多导入 %d 个券码", MaxImportCodes)
	case len(codes) == 0 && len(out.Skipped) == 0:
		return nil, nil, nil, app.FieldInvalid("codes", "没有可导入的券码：请每行填写一个券码")
	}
	return out, codes, lineOf, nil
}

// fresh drops the codes the reward holds already, reporting each.
func (s *Service) fresh(ctx context.Context, r *app.Reward, codes []string, lineOf map[string]int, out *app.CodeImport) ([]string, error) {
	held, err := s.Store.CodesHeld(ctx, r.CorpID, r.ID, codes)
	if err != nil {
		return nil, err
	}
	fresh := make([]string, 0, len(codes))
	for _, c := range codes {
		if held[c] {
			out.Skipped = append(out.Skipped, app.CodeLine{Line: lineOf[c], Code: c, Reason: "已导入过"})
			continue
		}
		fresh = append(fresh, c)
	}
	return fresh, nil
}

// addCodes inserts the fresh codes, adds what was inserted to the stock
// and audits the import.
func (s *Service) addCodes(ctx context.Context, r *app.Reward, fresh []string, out *app.CodeImport) error {
	n, err := s.Store.AddCodes(ctx, r.CorpID, r.ID, fresh)
	if err == nil && n > 0 {
		err = s.Store.AddStock(ctx, r.CorpID, r.ID, n)
	}
	if err != nil {
		return err
	}
	out.Added = int(n)
	return s.audit(ctx, r.CorpID, "reward.import_codes", r.ID, map[string]any{"name": r.Name, "added": out.Added, "skipped": len(out.Skipped)})
}
