using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Pages.Rendering;

namespace CampaignEngine.FairPlay.Challenges;

/// <summary>
/// The script on the pages of campaigns with proof of work on. The shared page is the same for every fan,
/// so the script fetches this device's challenge itself (the URL is in its <c>data-challenge</c>
/// attribute), solves it in batches of Web Crypto digests (each batch awaits, so the page stays
/// responsive), and puts the solution in the page's forms as hidden fields, usually before the fan has
/// chosen. A submit before that (or after the solution went stale) waits for a fresh one, with a status
/// line (<c>data-wait</c>), and is then sent again from a new task: a browser ignores a submit requested
/// while it is still firing the first one's event. If fetching or solving fails, the form is sent
/// without a solution, which the fallback limit takes, as it takes browsers without JavaScript. Static
/// text: the page's policy allows it by its hash.
/// </summary>
public static class ChallengeScript
{
    public const string Source = """
(()=>{
const me=document.currentScript,url=me&&me.dataset.challenge,forms=Array.from(document.querySelectorAll('form[method="post"]'));
if(!url||!forms.length||!window.fetch||!window.TextEncoder||!window.crypto||!crypto.subtle)return;
const encoder=new TextEncoder(),batch=1024,names=['ce_challenge','ce_nonce'];
const zeros=(b,bits)=>{let i=0;for(;bits>=8;bits-=8)if(b[i++]!==0)return false;return bits===0||(b[i]>>(8-bits))===0;};
const solve=async()=>{
const r=await fetch(url,{credentials:'same-origin',cache:'no-store',headers:{Accept:'application/json'}});
if(!r.ok)return null;
const c=await r.json(),until=Date.now()+Math.max(0,c.expiresIn-30)*1000;
for(let n=0;Date.now()<until;n+=batch){
const hashes=[];
for(let k=0;k<batch;k++)hashes.push(crypto.subtle.digest('SHA-256',encoder.encode(c.challenge+(n+k))));
const done=await Promise.all(hashes);
for(let k=0;k<batch;k++)if(zeros(new Uint8Array(done[k]),c.difficulty))return{challenge:c.challenge,nonce:String(n+k),until};
}
return null;
};
const clear=form=>form.querySelectorAll(names.map(n=>'input[name="'+n+'"]').join()).forEach(i=>i.remove());
const put=(form,s)=>{clear(form);[s.challenge,s.nonce].forEach((value,i)=>{const input=document.createElement('input');input.type='hidden';input.name=names[i];input.value=value;form.appendChild(input);});};
let current,solved=null;
const start=()=>{solved=null;forms.forEach(clear);current=solve().catch(()=>null).then(s=>{if(s){solved=s;forms.forEach(f=>put(f,s));}return s;});};
forms.forEach(form=>form.addEventListener('submit',event=>{
if(form.dataset.ready||(solved&&Date.now()<solved.until)){solved=null;return;}
event.preventDefault();
if(form.dataset.busy)return;
form.dataset.busy='1';
const button=event.submitter||form.querySelector('[type=submit]'),status=document.createElement('p');
status.className='hint';status.setAttribute('role','status');status.textContent=me.dataset.wait||'';
if(button)button.before(status);else form.appendChild(status);
(async()=>{
let s=await current;
if(!s||Date.now()>s.until){start();s=await current;}
form.dataset.ready='1';
setTimeout(()=>{status.remove();if(form.requestSubmit)form.requestSubmit(event.submitter||null);else form.submit();},0);
})();
}));
window.addEventListener('pageshow',event=>{
if(!event.persisted)return;
forms.forEach(form=>{delete form.dataset.ready;delete form.dataset.busy;});
start();
});
start();
})();
""";

    /// <summary>The script as the layout prints it between its tags.</summary>
    public static RawHtml Html { get; } = new(Source);

    /// <summary>The policy source that lets exactly this script run.</summary>
    public static string Hash { get; } = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Source)));
}
